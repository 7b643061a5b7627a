#!/usr/bin/env python3
"""What a member's IMAP command costs the server over the same command in a person's own mailbox,
on a running demo (./demo), measured as the CPU of the server's IMAP threads per 1,000 commands
(docs/benchmarks.md, tenth round, imap11).

Two connections, both alice: her own INBOX (LOGIN alice), and support@'s INBOX through the combined
login (SASL PLAIN, authzid support@example.test; alice is a full member). Each folder gets one
message; then ROUNDS times the commands of the end-to-end benchmark's pollers: the probe
UID FETCH 1:* (UID), the read UID FETCH 1:* (UID BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]) (recorded
as message-read for the member, docs/audit.md) and a NOOP. Three warm-up runs each, then RUNS
runs alternating between the two; prints the CPU of the server's IMAP threads in each run (utime +
stime from /proc/PID/task) and the medians.

    python3 scripts/imap-member-cost.py smtp_port imap_port server_pid [rounds [runs]]
"""
import imaplib
import os
import smtplib
import statistics
import sys
import time
from email.message import EmailMessage

smtp_port, imap_port, server_pid = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rounds = int(sys.argv[4]) if len(sys.argv) >= 5 else 1000
runs = int(sys.argv[5]) if len(sys.argv) >= 6 else 5
TICKS = os.sysconf("SC_CLK_TCK")
COMMANDS = 3


def server_cpu_seconds():
    """utime + stime of the server's IMAP threads (James's imapserver-*): the JIT and the other
    threads of a freshly started server would drown the difference in the process's total."""
    total = 0
    for task in os.listdir(f"/proc/{server_pid}/task"):
        try:
            with open(f"/proc/{server_pid}/task/{task}/stat") as stat:
                text = stat.read()
        except FileNotFoundError:
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        if name.startswith("imapserver"):
            fields = text.rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / TICKS


for recipient in ("alice@example.test", "support@example.test"):
    message = EmailMessage()
    message["From"] = "jane@customer.test"
    message["To"] = recipient
    message["Subject"] = "Member cost"
    message.set_content("Hello")
    with smtplib.SMTP("127.0.0.1", smtp_port) as smtp:
        smtp.send_message(message)


def connect(login):
    imap = imaplib.IMAP4("127.0.0.1", imap_port)
    login(imap)
    for _ in range(100):
        status, data = imap.select("INBOX")
        if status == "OK" and int(data[0]) > 0:
            return imap
        time.sleep(0.2)
    sys.exit("no mail arrived")


WAYS = {
    "own mailbox": connect(lambda imap: imap.login("alice@example.test", "demo")),
    "member (combined login)": connect(lambda imap: imap.authenticate(
        "PLAIN", lambda _: b"support@example.test\0alice@example.test\0demo")),
}


def run_once(imap):
    before = server_cpu_seconds()
    for _ in range(rounds):
        imap.uid("FETCH", "1:*", "(UID)")
        typ, data = imap.uid("FETCH", "1:*", "(UID BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
        if typ != "OK":
            sys.exit(f"FETCH failed: {data}")
        imap.noop()
    return (server_cpu_seconds() - before) * 1000 / (COMMANDS * rounds)


cpu = {way: [] for way in WAYS}
for _ in range(3):
    for imap in WAYS.values():
        run_once(imap)
for run in range(runs):
    for way, imap in WAYS.items():
        started = time.strftime("%H:%M:%S", time.gmtime())
        cpu[way].append(run_once(imap))
        print(f"run {run + 1}, {way} (from {started} UTC): IMAP threads {cpu[way][-1] * 1000:.0f} ms per 1,000 commands", flush=True)
medians = {way: statistics.median(values) for way, values in cpu.items()}
for way, median in medians.items():
    print(f"median, {way}: {median * 1000:.0f} ms per 1,000 commands")
own, member = medians["own mailbox"], medians["member (combined login)"]
print(f"member - own: {(member - own) * 1000:.0f} µs per command ({rounds} rounds of UID FETCH 1:* (UID), "
      f"UID FETCH 1:* (UID BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]), NOOP)")
for imap in WAYS.values():
    imap.logout()
