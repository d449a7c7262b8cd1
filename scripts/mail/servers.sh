#!/usr/bin/env bash
# Runs a command with a private Dovecot (IMAP) and Postfix (SMTP) on loopback:
#   scripts/mail/servers.sh COMMAND [ARGUMENTS...]
# Everything lives in a fresh temporary directory: a CA and a server certificate made here,
# Dovecot run as the dovecot user (passwd-file users, Maildirs), Postfix with a private
# configuration directory delivering to those Maildirs. Both are stopped and the directory
# removed when the command ends, whatever its outcome. The command sees DSAR_MAIL_* variables
# (see below); its exit status is this script's.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ "$#" -eq 0 ]; then
    echo "usage: scripts/mail/servers.sh COMMAND [ARGUMENTS...]" >&2
    exit 2
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "mail-servers: Postfix's master process needs root; run the mail tests as root (CI does)." >&2
    exit 1
fi
for tool in dovecot postfix openssl; do
    command -v "$tool" >/dev/null 2>&1 || { echo "mail-servers: $tool is missing; run scripts/ensure-deps.sh first." >&2; exit 1; }
done

# Four loopback ports in a row that nothing listens on (another run's servers may be up).
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
base="${DSAR_MAIL_PORT_BASE:-}"
if [ -z "$base" ]; then
    for _ in $(seq 1 100); do
        candidate=$(( 20000 + (RANDOM % 2000) * 10 ))
        if port_free "$candidate" && port_free $((candidate + 1)) && port_free $((candidate + 2)) && port_free $((candidate + 3)); then
            base=$candidate
            break
        fi
    done
fi
[ -n "$base" ] || { echo "mail-servers: no four free loopback ports found; stop other test servers first." >&2; exit 1; }
imap_port=$base; imaps_port=$((base + 1)); smtp_port=$((base + 2)); auth_port=$((base + 3))
dir="$(mktemp -d /tmp/dsar-mail.XXXXXX)"
chmod 755 "$dir"
dovecot_uid="$(id -u dovecot)"; dovecot_gid="$(id -g dovecot)"

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    postfix -c "$dir/postfix" stop >/dev/null 2>&1 || true
    if [ -f "$dir/dovecot/run/master.pid" ]; then
        runuser -u dovecot -- doveadm -c "$dir/dovecot/dovecot.conf" stop >/dev/null 2>&1 \
            || kill "$(cat "$dir/dovecot/run/master.pid")" 2>/dev/null || true
    fi
    sleep 0.2
    # A Dovecot a test restarted, and any session still holding our ports, go too.
    pkill -KILL -f "$dir/dovecot/dovecot.conf" 2>/dev/null || true
    fuser -s -k -KILL "$imap_port/tcp" "$imaps_port/tcp" "$smtp_port/tcp" "$auth_port/tcp" 2>/dev/null || true
    rm -rf "$dir"
    exit "$status"
}
trap cleanup EXIT; [ -n "${DSAR_MAIL_KEEP:-}" ] && trap - EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- certificates: a CA of our own and a server certificate for localhost only
mkdir -p "$dir/tls"
(
    cd "$dir/tls"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=DSAR Desk test CA" \
        -keyout ca.key -out ca.pem >/dev/null 2>&1
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr >/dev/null 2>&1
    printf 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n' > ext.cnf
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
        -extfile ext.cnf -out server.pem >/dev/null 2>&1
)
chmod 644 "$dir/tls/"*.pem; chmod 640 "$dir/tls/server.key"; chgrp dovecot "$dir/tls/server.key"

# --- Dovecot, rootless, as the dovecot user
mkdir -p "$dir/dovecot/run" "$dir/mail"
password="${DSAR_MAIL_TEST_PASSWORD:-desk-test-$RANDOM$RANDOM}"
{
    printf 'dpo@desk.test:{PLAIN}%s::::%s/mail/dpo::\n' "$password" "$dir"
    printf 'requester@example.test:{PLAIN}%s::::%s/mail/requester::\n' "$password" "$dir"
    # A server of the old kind, for the fallbacks: it offers IMAP4rev1 alone (no MOVE, no UIDPLUS).
    printf 'legacy@desk.test:{PLAIN}%s::::%s/mail/legacy::userdb_imap_capability=IMAP4rev1\n' "$password" "$dir"
} > "$dir/dovecot/users"
cat > "$dir/dovecot/dovecot.conf" <<CONF
base_dir = $dir/dovecot/run
state_dir = $dir/dovecot/run
log_path = $dir/dovecot/dovecot.log
protocols = imap
listen = 127.0.0.1
default_internal_user = dovecot
default_internal_group = dovecot
default_login_user = dovecot
mail_uid = $dovecot_uid
mail_gid = $dovecot_gid
first_valid_uid = $dovecot_uid
mail_location = maildir:~/Maildir
ssl = yes
ssl_cert = <$dir/tls/server.pem
ssl_key = <$dir/tls/server.key
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/dovecot/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $dir/dovecot/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $imaps_port
    ssl = yes
  }
}
service auth {
  inet_listener {
    address = 127.0.0.1
    port = $auth_port
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
CONF
chown -R dovecot:dovecot "$dir/dovecot" "$dir/mail"
runuser -u dovecot -- dovecot -c "$dir/dovecot/dovecot.conf"

# --- Postfix with a private configuration directory, loopback only
pf="$dir/postfix"
mkdir -p "$pf" "$dir/spool" "$dir/pfdata"
chown postfix: "$dir/pfdata"
cp /etc/postfix/master.cf.proto "$pf/master.cf" 2>/dev/null || cp /etc/postfix/master.cf "$pf/master.cf"
# only our smtpd on the loopback port; no port-25 listener, no pickup from a shared maildrop
sed -i -e '/^smtp[[:space:]]\+inet/d' "$pf/master.cf"
printf '127.0.0.1:%s inet n - n - - smtpd\n' "$smtp_port" >> "$pf/master.cf"
# bounce.test accepts every recipient and then fails delivery for good (pipe to false), so
# Postfix returns a real delivery status notification to the sender: the bounce tests.
printf 'failing unix - n n - - pipe\n  flags=q user=nobody argv=/bin/false\n' >> "$pf/master.cf"
printf 'dpo@desk.test dpo/Maildir/\nrequester@example.test requester/Maildir/\n' > "$pf/vmailbox"
# Fault injection for the outbox tests: mail to greylist@example.test gets 451 until the map is
# emptied and Postfix reloaded; mail to slow@example.test waits 30 s after its data.
printf 'greylist@example.test requester/Maildir/\nslow@example.test requester/Maildir/\n' >> "$pf/vmailbox"
printf 'greylist@example.test 451 4.7.1 Greylisted, try again later\n' > "$pf/greylist"
printf 'slow@example.test slowdown\n' > "$pf/slow"
printf 'bounce.test failing:\n' > "$pf/transport"
cat > "$pf/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $dir/spool
data_directory = $dir/pfdata
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.desk.test
mydomain = desk.test
myorigin = desk.test
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost =
smtp_host_lookup = native
disable_dns_lookups = yes
local_transport = error:local delivery is disabled
# Nothing ever leaves this machine: mail for any domain but ours is bounced here.
default_transport = error:outbound mail is disabled in the test set-up
relay_transport = error:outbound mail is disabled in the test set-up
virtual_mailbox_domains = desk.test example.test
virtual_mailbox_maps = texthash:$pf/vmailbox
virtual_mailbox_base = $dir/mail
virtual_uid_maps = static:$dovecot_uid
virtual_gid_maps = static:$dovecot_gid
transport_maps = texthash:$pf/transport
relay_domains = bounce.test
smtpd_tls_cert_file = $dir/tls/server.pem
smtpd_tls_key_file = $dir/tls/server.key
smtpd_tls_security_level = may
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = inet:127.0.0.1:$auth_port
smtpd_relay_restrictions = permit_sasl_authenticated, permit_mynetworks, reject_unauth_destination
smtpd_recipient_restrictions = check_recipient_access texthash:$pf/greylist
smtpd_restriction_classes = slowdown
slowdown = sleep 30
smtpd_end_of_data_restrictions = check_recipient_access texthash:$pf/slow
maillog_file = $dir/postfix.log
maillog_file_prefixes = /tmp
message_size_limit = 26214400
biff = no
CONF
postfix -c "$pf" check >"$dir/postfix-check.log" 2>&1 || cat "$dir/postfix-check.log" >&2
if ! postfix -c "$pf" start >"$dir/postfix-start.log" 2>&1; then
    echo "mail-servers: postfix did not start:" >&2; cat "$dir/postfix-start.log" >&2; cat "$dir/postfix.log" >&2 2>/dev/null; exit 1
fi

# wait for both listeners
for port in $imap_port $imaps_port $smtp_port; do
    for _ in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
        sleep 0.05
    done
done

export DSAR_MAIL_POSTFIX_CONFIG="$pf" DSAR_MAIL_DOVECOT_CONFIG="$dir/dovecot/dovecot.conf"
export DSAR_MAIL_DIR="$dir" DSAR_MAIL_CA="$dir/tls/ca.pem" DSAR_MAIL_PASSWORD="$password"
export DSAR_MAIL_IMAP_PORT=$imap_port DSAR_MAIL_IMAPS_PORT=$imaps_port DSAR_MAIL_SMTP_PORT=$smtp_port
export DSAR_MAIL_DPO=dpo@desk.test DSAR_MAIL_REQUESTER=requester@example.test DSAR_MAIL_LEGACY=legacy@desk.test
export DSAR_MAIL_MAILDIR_DPO="$dir/mail/dpo/Maildir" DSAR_MAIL_MAILDIR_REQUESTER="$dir/mail/requester/Maildir"
"$@"
