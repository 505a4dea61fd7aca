// mode: read
// Properties with optional filters (status, type, city, district, price range, bedrooms),
// cheapest first.
// example: {"status": "AVAILABLE", "type": "APARTMENT", "city": "lisbon", "district": null, "min_price": null, "max_price": 2000000.0, "min_bedrooms": 2, "limit": 50}
MATCH (p:Property)
WHERE ($status IS NULL OR p.status = $status)
  AND ($type IS NULL OR p.type = $type)
  AND ($city IS NULL OR toLower(p.city) = $city)
  AND ($district IS NULL OR toLower(p.district) = $district)
  AND ($min_price IS NULL OR p.price >= $min_price)
  AND ($max_price IS NULL OR p.price <= $max_price)
  AND ($min_bedrooms IS NULL OR p.bedrooms >= $min_bedrooms)
RETURN p.id AS id, p.title AS title, p.type AS type, p.city AS city, p.district AS district,
       p.price AS price, p.bedrooms AS bedrooms, p.status AS status
ORDER BY price, id
LIMIT $limit
