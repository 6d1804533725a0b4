#!/usr/bin/env bash
# Copied from the workplace's shared/postfix-lab/setup.sh; `cargo xtask test` runs it under CI=true.
# Installs and starts a real Postfix 3.7 (Debian 12) on 127.0.0.1:25, configured as the
# reference world of smtplab's "postfix" profile:
#   host mail.example.com, local domain example.com, mailboxes alice and bob,
#   SASL users alice/s3cret and bob/hunter2 (PLAIN LOGIN CRAM-MD5), AUTH only after STARTTLS,
#   message_size_limit 10240000, 100 recipients per message, relaying only when authenticated.
# Loopback only. Run as root. Safe to run again.
# A second listener on 127.0.0.1:2527 differs only in smtpd_timeout=5s (recording only);
# a third on 127.0.0.1:2528 requires TLS and a login before MAIL (recording only);
# a fourth on 127.0.0.1:2529 hides PIPELINING, CHUNKING and SMTPUTF8 (recording only).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
echo "postfix postfix/main_mailer_type select Local only" | debconf-set-selections
echo "postfix postfix/mailname string mail.example.com" | debconf-set-selections
if ! command -v postconf >/dev/null || ! command -v saslpasswd2 >/dev/null; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postfix sasl2-bin libsasl2-modules ssl-cert swaks >/dev/null
fi
id alice >/dev/null 2>&1 || useradd -m alice
id bob >/dev/null 2>&1 || useradd -m bob
postconf -e \
  "myhostname=mail.example.com" "mydomain=example.com" "myorigin=example.com" \
  "mydestination=mail.example.com, example.com, localhost" \
  "inet_interfaces=loopback-only" "inet_protocols=ipv4" \
  "smtpd_banner=\$myhostname ESMTP \$mail_name" \
  "smtpd_tls_cert_file=/etc/ssl/certs/ssl-cert-snakeoil.pem" \
  "smtpd_tls_key_file=/etc/ssl/private/ssl-cert-snakeoil.key" \
  "smtpd_tls_security_level=may" "smtpd_tls_auth_only=yes" \
  "smtpd_sasl_auth_enable=yes" "smtpd_sasl_type=cyrus" "smtpd_sasl_path=smtpd" \
  "cyrus_sasl_config_path=/etc/postfix/sasl" \
  "message_size_limit=10240000" "smtpd_recipient_limit=100" "compatibility_level=3.6" \
  "smtpd_relay_restrictions=permit_mynetworks permit_sasl_authenticated defer_unauth_destination" \
  "mynetworks="
mkdir -p /etc/postfix/sasl
printf 'pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN LOGIN CRAM-MD5\nsasldb_path: /etc/sasldb2\n' \
  > /etc/postfix/sasl/smtpd.conf
echo "s3cret" | saslpasswd2 -p -c -u mail.example.com alice
echo "hunter2" | saslpasswd2 -p -c -u mail.example.com bob
chmod 644 /etc/sasldb2
# smtpd outside the chroot, so that it can read the SASL database
sed -i -E 's/^smtp( +)inet( +)n( +)-( +)y/smtp\1inet\2n\3-\4n/' /etc/postfix/master.cf
# A recording-only listener with a short idle timeout, for the timeout scenarios.
grep -q 'syslog_name=postfix/short-timeout' /etc/postfix/master.cf ||
  echo '127.0.0.1:2527 inet n - n - - smtpd -o smtpd_timeout=5s -o syslog_name=postfix/short-timeout' >> /etc/postfix/master.cf
# ... and one that imitates a submission service: TLS required, only logged-in senders.
grep -q 'syslog_name=postfix/submission-like' /etc/postfix/master.cf ||
  echo '127.0.0.1:2528 inet n - n - - smtpd -o smtpd_tls_security_level=encrypt -o smtpd_delay_reject=no -o smtpd_sender_restrictions=permit_sasl_authenticated,reject -o syslog_name=postfix/submission-like' >> /etc/postfix/master.cf
# ... and one without three extensions (smtpd_discard_ehlo_keywords).
grep -q 'syslog_name=postfix/no-extensions' /etc/postfix/master.cf ||
  echo '127.0.0.1:2529 inet n - n - - smtpd -o smtpd_discard_ehlo_keywords=pipelining,chunking,smtputf8 -o syslog_name=postfix/no-extensions' >> /etc/postfix/master.cf
postfix check
if postfix status >/dev/null 2>&1; then postfix reload >/dev/null 2>&1; else postfix start >/dev/null 2>&1; fi
for _ in $(seq 1 20); do
  (exec 3<>/dev/tcp/127.0.0.1/25) 2>/dev/null && { echo "postfix $(postconf -h mail_version) listening on 127.0.0.1:25"; exit 0; }
  sleep 0.5
done
echo "postfix did not start; see /var/log/mail.log" >&2
exit 1
