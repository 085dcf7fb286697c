-- docker-compose: the application's login, created once with the database. It owns nothing; the
-- migrations (run as the owner, POSTGRES_USER) grant hostaliases_app what the service needs.
CREATE ROLE hostaliases_app NOLOGIN;
CREATE ROLE hostaliases_service LOGIN PASSWORD 'hostaliases-service' IN ROLE hostaliases_app;
