// mode: read
// What the account summaries add to the scoring snapshot: each account's country and
// whether it is archived (archived accounts leave the summaries like they leave lists).
// example: {}
MATCH (a:Account)
RETURN a.id AS id, a.country AS country, coalesce(a.archived, false) AS archived
