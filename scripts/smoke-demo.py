#!/usr/bin/env python3
"""Checks a running demo (./demo) the way a person would: jane writes to support@ with smtplib,
alice reads the ticket with imaplib, opening the shared mailbox with her own password, and jane
reads the acknowledgement in her own INBOX (at most 10 a day per sender: docs/autoresponses.md).

    python3 scripts/smoke-demo.py [smtp_port imap_port]
"""
import imaplib
import smtplib
import sys
import time
import uuid
from email.message import EmailMessage

smtp_port, imap_port = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) == 3 else (2525, 1143)
subject = "Printer broken " + uuid.uuid4().hex[:8]

message = EmailMessage()
message["From"] = "jane@customer.test"
message["To"] = "support@example.test"
message["Subject"] = subject
message.set_content("Hello, the printer on floor 2 is broken.")
with smtplib.SMTP("127.0.0.1", smtp_port) as smtp:
    smtp.send_message(message)

imap = imaplib.IMAP4("127.0.0.1", imap_port)
# SASL PLAIN: authorization identity (the shared mailbox), then alice's own credentials.
imap.authenticate("PLAIN", lambda _: b"support@example.test\0alice@example.test\0demo")
for attempt in range(50):
    imap.select("INBOX", readonly=True)
    typ, data = imap.search(None, "SUBJECT", '"' + subject + '"')
    if data[0]:
        break
    time.sleep(0.2)
else:
    sys.exit("FAIL: the mail did not arrive in support's INBOX")
typ, fetched = imap.fetch(data[0].split()[-1], "(BODY.PEEK[HEADER.FIELDS (SUBJECT X-TICKET)])")
headers = fetched[0][1].decode()
print(headers.strip())
imap.logout()
if "[SUP-" not in headers or subject not in headers:
    sys.exit("FAIL: no ticket tag in the subject")
print("OK: alice reads the ticket in support@example.test")

jane = imaplib.IMAP4("127.0.0.1", imap_port)
jane.login("jane@customer.test", "demo")
for attempt in range(50):
    jane.select("INBOX", readonly=True)
    typ, data = jane.search(None, "SUBJECT", '"Re: ' + subject + '"')
    if data[0]:
        break
    time.sleep(0.2)
else:
    sys.exit("FAIL: no acknowledgement in jane's INBOX (more than 10 runs today reach the daily cap)")
typ, fetched = jane.fetch(data[0].split()[-1], "(BODY.PEEK[HEADER.FIELDS (SUBJECT AUTO-SUBMITTED)])")
print(fetched[0][1].decode().strip())
jane.logout()
print("OK: jane reads the acknowledgement of her ticket")
