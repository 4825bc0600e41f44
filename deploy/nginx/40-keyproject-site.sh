#!/bin/sh
# Run by the nginx image's entrypoint before nginx starts: serve TLS unless the operator set
# PLAIN_HTTP=true (the same variable the app reads), and say clearly when the certificate is missing.
set -eu
case "$(printf '%s' "${PLAIN_HTTP:-false}" | tr 'A-Z' 'a-z')" in
    1 | true | yes | on) site=http ;;
    *) site=tls ;;
esac
if [ "$site" = tls ] && [ ! -s /etc/nginx/tls/fullchain.pem -o ! -s /etc/nginx/tls/privkey.pem ]; then
    echo "keyproject: no certificate in deploy/tls/ (fullchain.pem, privkey.pem);" \
        "put one there or set PLAIN_HTTP=true in .env" >&2
    exit 1
fi
cp "/etc/keyproject/nginx/$site.conf" /etc/nginx/conf.d/default.conf
echo "keyproject: nginx serves $site"
