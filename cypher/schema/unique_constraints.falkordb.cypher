// mode: read
CALL db.constraints() YIELD type, label
WITH type, label
WHERE type = 'UNIQUE'
RETURN label
