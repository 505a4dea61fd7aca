// mode: read
// How many team members, optionally of one business unit.
// example: {"business_unit": null}
MATCH (m:Member)
WHERE $business_unit IS NULL OR toLower(m.business_unit) = $business_unit
RETURN count(m) AS count
