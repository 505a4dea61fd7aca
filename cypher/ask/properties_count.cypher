// mode: read
// How many properties match the optional filters, with their average price.
// example: {"status": "AVAILABLE", "type": null, "city": "porto", "district": null, "min_price": null, "max_price": null, "min_bedrooms": null}
MATCH (p:Property)
WHERE ($status IS NULL OR p.status = $status)
  AND ($type IS NULL OR p.type = $type)
  AND ($city IS NULL OR toLower(p.city) = $city)
  AND ($district IS NULL OR toLower(p.district) = $district)
  AND ($min_price IS NULL OR p.price >= $min_price)
  AND ($max_price IS NULL OR p.price <= $max_price)
  AND ($min_bedrooms IS NULL OR p.bedrooms >= $min_bedrooms)
RETURN count(p) AS count, avg(p.price) AS average_price
