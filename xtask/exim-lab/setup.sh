#!/usr/bin/env bash
# Installs and starts a real Exim 4.96 (Debian 12, exim4-daemon-light) on 127.0.0.1:2625, configured
# as the reference world of smtplab's "exim" profile (issue 10):
#   Debian's split configuration, dc_eximconfig_configtype=internet, host mail.example.com,
#   other hostnames example.com and mail.example.com, mailboxes alice and bob,
#   TLS with Debian's snakeoil certificate, AUTH PLAIN LOGIN CRAM-MD5 for alice/s3cret and
#   bob/hunter2 advertised only under TLS, no relay hosts (not even loopback),
#   Debian's defaults for everything else (SIZE 52428800, 3 protocol errors before a drop).
# exim4 and postfix conflict in apt, so Exim lives in a debootstrap chroot of Debian 12 in
# $EXIM_ROOT (default /var/lib/smtplab/exim-root), outside the repository, and its daemon runs
# from there; the host's Postfix is left alone.
# Loopback only. Run as root. Safe to run again.
# The same daemon also listens on 127.0.0.1:2626, where smtp_receive_timeout is 5s instead of
# Debian's 5m (recording only), like Postfix's :2527; and on 127.0.0.1:2627, where the greeting
# carries cPanel's notice on two more lines (smtp_banner with \n; recording only).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive LC_ALL=C
ROOT=${EXIM_ROOT:-/var/lib/smtplab/exim-root}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PORT=2625 SHORT_PORT=2626 NOTICE_PORT=2627
in_root() { chroot "$ROOT" "$@"; }

# --- a Debian 12 chroot with exim4-daemon-light
if [ ! -x "$ROOT/usr/bin/apt-get" ]; then
  command -v debootstrap >/dev/null || { apt-get update -qq; apt-get install -y -qq debootstrap >/dev/null; }
  mkdir -p "$ROOT"
  debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >/dev/null
fi
mountpoint -q "$ROOT/proc" || mount -t proc proc "$ROOT/proc"
# No service may start inside the chroot on its own (port 25 is the host's Postfix).
printf '#!/bin/sh\nexit 101\n' > "$ROOT/usr/sbin/policy-rc.d"
chmod 755 "$ROOT/usr/sbin/policy-rc.d"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"  # for apt, until Exim is installed
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$ROOT/etc/hosts"
echo mail.example.com > "$ROOT/etc/mailname"
in_root debconf-set-selections <<'EOF'
exim4-config exim4/dc_eximconfig_configtype select internet site; mail is sent and received directly using SMTP
exim4-config exim4/mailname string mail.example.com
exim4-config exim4/dc_other_hostnames string example.com; mail.example.com
exim4-config exim4/dc_local_interfaces string 127.0.0.1.2625 ; 127.0.0.1.2626 ; 127.0.0.1.2627
exim4-config exim4/dc_relay_nets string
exim4-config exim4/dc_relay_domains string
exim4-config exim4/dc_minimaldns boolean false
exim4-config exim4/dc_localdelivery select mbox format in /var/mail/
exim4-config exim4/use_split_config boolean true
exim4-config exim4/dc_postmaster string
EOF
installed() { in_root dpkg-query -W -f='${Status}\n' exim4-daemon-light ssl-cert openssl 2>/dev/null | grep -c 'ok installed'; }
if [ "$(installed)" != 3 ]; then
  in_root apt-get update -qq
  in_root apt-get install -y -qq --no-install-recommends exim4-daemon-light ssl-cert openssl >/dev/null
fi
# Exim looks up the client's name (host_lookup = *) in the DNS. A resolver that drops queries
# holds the greeting for its 5 s timeout; on loopback no DNS server answers at once, and
# 127.0.0.1 is still named from /etc/hosts, so the lab needs no DNS at all.
echo "nameserver 127.0.0.1" > "$ROOT/etc/resolv.conf"

# --- the configuration: debconf's file, then Debian's documented hooks for the rest
cat > "$ROOT/etc/exim4/update-exim4.conf.conf" <<'EOF'
dc_eximconfig_configtype='internet'
dc_other_hostnames='example.com;mail.example.com'
dc_local_interfaces='127.0.0.1.2625 ; 127.0.0.1.2626 ; 127.0.0.1.2627'
dc_readhost=''
dc_relay_domains=''
dc_minimaldns='false'
dc_relay_nets=''
dc_smarthost=''
CFILEMODE='644'
dc_use_split_config='true'
dc_hide_mailname=''
dc_mailname_in_oh='true'
dc_localdelivery='mail_spool'
EOF
# Split configuration: macros go in conf.d/main/000_localmacros (README.Debian).
cat > "$ROOT/etc/exim4/conf.d/main/000_localmacros" <<'EOF'
# smtplab's reference world (xtask/exim-lab/setup.sh)
MAIN_HARDCODE_PRIMARY_HOSTNAME = mail.example.com
# update-exim4.conf always appends 127.0.0.1 and ::1 to dc_relay_nets; the lab has no relay hosts.
MAIN_RELAY_NETS = :
MAIN_TLS_ENABLE = yes
MAIN_TLS_CERTIFICATE = /etc/ssl/certs/ssl-cert-snakeoil.pem
MAIN_TLS_PRIVATEKEY = /etc/ssl/private/ssl-cert-snakeoil.key
EOF
# Recording only: the listener on :2626 drops an idle client after 5 s (Debian: 5m).
cat > "$ROOT/etc/exim4/conf.d/main/04_smtplab_short_timeout" <<EOF
smtp_receive_timeout = \${if eq{\$received_port}{$SHORT_PORT}{5s}{5m}}
EOF
# Recording only: on :2627 the greeting is multi-line, as cPanel's smtp_banner makes it; elsewhere
# it is Exim's default banner (which Debian keeps).
cat > "$ROOT/etc/exim4/conf.d/main/04_smtplab_greeting_notice" <<EOF
smtp_banner = \${if eq{\$received_port}{$NOTICE_PORT}\\
  {\$smtp_active_hostname ESMTP Exim \$version_number \$tod_full\\nWe do not authorize the use of this system to transport unsolicited,\\nand/or bulk e-mail.}\\
  {\$smtp_active_hostname ESMTP Exim \$version_number \$tod_full}}
EOF
# Debian's commented examples from auth/30_exim4-config_examples, enabled; CRAM-MD5 also gets the
# TLS-only advertise condition that the PLAIN and LOGIN examples carry.
cat > "$ROOT/etc/exim4/conf.d/auth/30_smtplab_authenticators" <<'EOF'
plain_server:
  driver = plaintext
  public_name = PLAIN
  server_condition = "${if crypteq{$auth3}{${extract{1}{:}{${lookup{$auth2}lsearch{CONFDIR/passwd}{$value}{*:*}}}}}{1}{0}}"
  server_set_id = $auth2
  server_prompts = :
  server_advertise_condition = ${if eq{$tls_in_cipher}{}{}{*}}

login_server:
  driver = plaintext
  public_name = LOGIN
  server_prompts = "Username:: : Password::"
  server_condition = "${if crypteq{$auth2}{${extract{1}{:}{${lookup{$auth1}lsearch{CONFDIR/passwd}{$value}{*:*}}}}}{1}{0}}"
  server_set_id = $auth1
  server_advertise_condition = ${if eq{$tls_in_cipher}{}{}{*}}

cram_md5_server:
  driver = cram_md5
  public_name = CRAM-MD5
  server_secret = ${extract{2}{:}{${lookup{$auth1}lsearch{CONFDIR/passwd}{$value}fail}}}
  server_set_id = $auth1
  server_advertise_condition = ${if eq{$tls_in_cipher}{}{}{*}}
EOF
# exim4_passwd(5): user:crypt(3) hash:clear text (the clear text is for CRAM-MD5).
{
  echo "alice:$(in_root openssl passwd -6 -salt smtplab.alice s3cret):s3cret"
  echo "bob:$(in_root openssl passwd -6 -salt smtplab.bob hunter2):hunter2"
} > "$ROOT/etc/exim4/passwd"
in_root chown root:Debian-exim /etc/exim4/passwd
chmod 640 "$ROOT/etc/exim4/passwd"
# The snakeoil key is readable by the ssl-cert group (README.Debian, "TLS").
in_root adduser --quiet Debian-exim ssl-cert
in_root id alice >/dev/null 2>&1 || in_root useradd -m alice
in_root id bob >/dev/null 2>&1 || in_root useradd -m bob
in_root update-exim4.conf
in_root exim4 -bV >/dev/null

# --- (re)start the daemon from the chroot; it writes its pid to /run/exim4/exim.pid there
mkdir -p "$ROOT/run/exim4"
in_root chown Debian-exim:Debian-exim /run/exim4
pidfile="$ROOT/run/exim4/exim.pid"
pid=$(cat "$pidfile" 2>/dev/null || true)
if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
  kill "$pid"
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
fi
in_root /usr/sbin/exim4 -bd -q30m
for _ in $(seq 1 20); do
  (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && {
    echo "exim $(in_root exim4 -bV | sed -n 's/^Exim version \([^ ]*\).*/\1/p') listening on 127.0.0.1:$PORT, :$SHORT_PORT (5 s timeout) and :$NOTICE_PORT (multi-line greeting)"
    exit 0
  }
  sleep 0.5
done
echo "exim did not start; see $ROOT/var/log/exim4/mainlog and paniclog" >&2
exit 1
