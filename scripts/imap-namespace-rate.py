#!/usr/bin/env python3
"""Compares, in one run against a running demo (./demo), how many IMAP commands a member gets
through per second in a shared mailbox opened two ways (docs/benchmarks.md):

- combined login: bob logs in to support@ itself (SASL PLAIN, authzid support@example.test);
- shared namespace: bob logs in as himself and works in Shared.support.INBOX.

Each connection selects the shared INBOX read-only, then ROUNDS times sends the commands a mail
client sends while it sits on a folder: NOOP, FETCH 1:* (FLAGS), UID SEARCH UNSEEN, STATUS of the
shared Archive. Both warm up once, then run 5 times alternately (so that both see the same load);
it prints each run, both medians and their ratio. Given the server's process id, it also prints
the server CPU time each way spends per 1,000 commands (read from /proc), which a loaded machine
disturbs far less than the wall-clock rate.

    python3 scripts/imap-namespace-rate.py [smtp_port imap_port [rounds [server_pid]]]
"""
import os
import imaplib
import smtplib
import statistics
import sys
import time
from email.message import EmailMessage

smtp_port, imap_port = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) >= 3 else (2525, 1143)
rounds = int(sys.argv[3]) if len(sys.argv) >= 4 else 1000
server_pid = int(sys.argv[4]) if len(sys.argv) >= 5 else None
TICKS = os.sysconf("SC_CLK_TCK")


def server_cpu_seconds():
    """utime + stime of the server process (fields 14 and 15 of /proc/PID/stat), or 0 without a pid."""
    if server_pid is None:
        return 0.0
    with open(f"/proc/{server_pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS
COMMANDS = 4

message = EmailMessage()
message["From"] = "jane@customer.test"
message["To"] = "support@example.test"
message["Subject"] = "Command rate"
message.set_content("Hello")
with smtplib.SMTP("127.0.0.1", smtp_port) as smtp:
    smtp.send_message(message)


def connect(login, inbox):
    imap = imaplib.IMAP4("127.0.0.1", imap_port)
    login(imap)
    for _ in range(50):
        status, data = imap.select(inbox, readonly=True)
        if status == "OK" and int(data[0]) > 0:
            return imap
        time.sleep(0.2)
    sys.exit(f"no mail arrived in {inbox}")


combined = connect(lambda imap: imap.authenticate("PLAIN", lambda _: b"support@example.test\0bob@example.test\0demo"), "INBOX")
namespace = connect(lambda imap: imap.login("bob@example.test", "demo"), '"Shared.support.INBOX"')
WAYS = {"combined login": (combined, "Archive"), "shared namespace": (namespace, '"Shared.support.Archive"')}


def run_once(imap, archive, cpu=None):
    cpu_before = server_cpu_seconds()
    start = time.perf_counter()
    for _ in range(rounds):
        imap.noop()
        imap.fetch("1:*", "(FLAGS)")
        imap.uid("SEARCH", "UNSEEN")
        typ, data = imap.status(archive, "(MESSAGES)")
        if typ != "OK":
            sys.exit(f"STATUS {archive} failed: {data}")
    rate = COMMANDS * rounds / (time.perf_counter() - start)
    if cpu is not None:
        cpu.append((server_cpu_seconds() - cpu_before) * 1000 / (COMMANDS * rounds))
    return rate


rates = {way: [] for way in WAYS}
cpu = {way: [] for way in WAYS}
for imap, archive in WAYS.values():
    run_once(imap, archive)
for run in range(5):
    for way, (imap, archive) in WAYS.items():
        rates[way].append(run_once(imap, archive, cpu[way]))
        print(f"run {run + 1}, {way}: {rates[way][-1]:,.0f} commands/s"
              + (f", server CPU {cpu[way][-1] * 1000:.0f} ms per 1,000 commands" if server_pid else ""))
medians = {way: statistics.median(values) for way, values in rates.items()}
for way, median in medians.items():
    print(f"median, {way}: {median:,.0f} commands/s")
print(f"shared namespace / combined login: {medians['shared namespace'] / medians['combined login']:.2f} "
      f"({rounds} rounds of NOOP, FETCH 1:* (FLAGS), UID SEARCH UNSEEN, STATUS Archive (MESSAGES))")
if server_pid:
    cpu_medians = {way: statistics.median(values) for way, values in cpu.items()}
    for way, median in cpu_medians.items():
        print(f"median server CPU, {way}: {median * 1000:.0f} ms per 1,000 commands")
    print(f"server CPU, shared namespace / combined login: {cpu_medians['shared namespace'] / cpu_medians['combined login']:.2f}")
for imap, _ in WAYS.values():
    imap.logout()
