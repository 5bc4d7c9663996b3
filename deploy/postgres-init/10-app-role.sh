#!/bin/sh
# Runs once, when the postgres container initialises an empty data volume (as the owner role
# POSTGRES_USER). Creates the application's login role: it owns nothing, so it can never ALTER,
# TRUNCATE or disable the triggers of the audit table; `manage.py grant_app_role` (the compose
# "migrate" service, after every migrate) gives it its data rights.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_role="${APP_DB_USER:-kooperationsraum_app}" -v app_password="${APP_DB_PASSWORD:-kooperationsraum_app}" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION',
              :'app_role', :'app_password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app_role') \gexec
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
