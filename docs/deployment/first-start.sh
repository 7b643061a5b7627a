curl -s -XPUT http://127.0.0.1:8000/domains/example.test
curl -s -XPUT http://127.0.0.1:8000/users/alice@example.test -H 'Content-Type: application/json' -d '{"password":"alice-secret"}'
curl -s -XPUT http://127.0.0.1:8000/users/bob@example.test -H 'Content-Type: application/json' -d '{"password":"bob-secret"}'
curl -s -XPUT http://127.0.0.1:8000/users/carol@example.test -H 'Content-Type: application/json' -d '{"password":"carol-secret"}'
curl -s -XPOST http://127.0.0.1:8000/shared-mailboxes/reload -H 'Content-Type: application/json'
