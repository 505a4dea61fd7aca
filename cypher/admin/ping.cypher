// mode: read
RETURN 1 AS ok
