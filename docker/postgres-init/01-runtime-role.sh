#!/bin/bash
# Runs once, when the database volume is created. The app connects at run time as
# recruit_app_login, a member of recruit_app (the role every migration grants to): neither
# superuser, nor BYPASSRLS, nor owner of any table, so row-level security applies to it.
# The owner (POSTGRES_USER) runs the migrations.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$APP_DB_PASSWORD" -v db="$POSTGRES_DB" <<'SQL'
CREATE ROLE recruit_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
CREATE ROLE recruit_app_login LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE INHERIT PASSWORD :'app_password';
GRANT recruit_app TO recruit_app_login;
GRANT CONNECT ON DATABASE :"db" TO recruit_app;
SQL
