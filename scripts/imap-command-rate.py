#!/usr/bin/env python3
"""Measures how many IMAP commands a member session gets through per second on a running demo
(./demo): the cost of deciding every command on the member's rights (docs/benchmarks.md).

One connection, bob (read-only on support@) with INBOX selected read-only, then ROUNDS times the
commands a mail client sends while it sits on a folder: NOOP, FETCH 1:* (FLAGS), UID SEARCH UNSEEN,
STATUS Archive (MESSAGES).
It first sends one mail so that INBOX is not empty, runs once to warm the JIT up, then prints
commands per second for 5 runs and their median (a shared machine makes single runs noisy).

    python3 scripts/imap-command-rate.py [smtp_port imap_port [rounds]]
"""
import imaplib
import smtplib
import statistics
import sys
import time
from email.message import EmailMessage

smtp_port, imap_port = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) >= 3 else (2525, 1143)
rounds = int(sys.argv[3]) if len(sys.argv) == 4 else 1000

message = EmailMessage()
message["From"] = "jane@customer.test"
message["To"] = "support@example.test"
message["Subject"] = "Command rate"
message.set_content("Hello")
with smtplib.SMTP("127.0.0.1", smtp_port) as smtp:
    smtp.send_message(message)

imap = imaplib.IMAP4("127.0.0.1", imap_port)
imap.authenticate("PLAIN", lambda _: b"support@example.test\0bob@example.test\0demo")
for attempt in range(50):
    status, data = imap.select("INBOX", readonly=True)
    if int(data[0]) > 0:
        break
    time.sleep(0.2)
else:
    sys.exit("no mail arrived in support@'s INBOX")

COMMANDS = 4


def run_once():
    start = time.perf_counter()
    for _ in range(rounds):
        imap.noop()
        imap.fetch("1:*", "(FLAGS)")
        imap.uid("SEARCH", "UNSEEN")
        imap.status("Archive", "(MESSAGES)")
    return COMMANDS * rounds / (time.perf_counter() - start)


run_once()
rates = []
for run in range(5):
    rates.append(run_once())
    print(f"run {run + 1}: {rates[-1]:,.0f} commands/s")
print(f"median: {statistics.median(rates):,.0f} commands/s ({rounds} rounds of NOOP, FETCH 1:* (FLAGS), "
      "UID SEARCH UNSEEN, STATUS Archive (MESSAGES))")
imap.logout()
