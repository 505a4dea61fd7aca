"""Text-to-Cypher: a schema-grounded prompt, the guard, up to two repair rounds."""
