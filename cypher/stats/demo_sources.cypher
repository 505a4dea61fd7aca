// mode: read
// Which synthetic datasets (synth:seed=N) the team members came from: a demo refuses to
// mix another seed into them, since ids would collide.
MATCH (m:Member)
UNWIND m.sources AS source
WITH source
WHERE source STARTS WITH 'synth:'
RETURN DISTINCT source
ORDER BY source
