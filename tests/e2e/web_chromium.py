#!/usr/bin/python3
# SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
# SPDX-License-Identifier: MIT
"""The web page in real headless Chromium (issue 19).

Starts the real socket-server (--headless, relay, port 0 on 127.0.0.1),
connects a line client as nc would (a plain TCP socket), opens
http://127.0.0.1:PORT/ in headless Chromium driven by Selenium, joins as
"alice", then starts a real socket-client window (offscreen, frames, as
"bob", --send a text, --log to a file) and checks: the connection state,
messages both ways between the page and each of the others with their
senders, and hostile texts shown as text (no element made, no alert). With
--tls the same over https:// and wss:// with a self-signed test certificate
made by openssl (Chromium accepts it through --ignore-certificate-errors;
socket-client through --tls-fingerprint; the server is TLS-only, and the
line client speaks TLS too). With --screenshot FILE, saves the page.

Exit status: 0 passed, 77 a part is missing (no chromium, chromedriver or
selenium: ctest counts it as a failure, since .ci/build installs them),
anything else failed.
"""
import argparse
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time

SKIP = 77
TIMEOUT_S = 60  # generous: a loaded 2-core machine
HOSTILE = '<img src=x onerror=alert(1)>'
HOSTILE_SCRIPT = '<script>alert(2)</script>'


def skip(why):
    print('SKIP: ' + why)
    sys.exit(SKIP)


try:
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    skip('python3-selenium is not installed (apt-get install python3-selenium)')


def find_browser():
    for name in ('chromium', 'chromium-browser'):
        path = shutil.which(name)
        if path:
            return path
    return None


class LineClient:
    """A line client, as nc: a TCP socket, lines in and out."""

    def __init__(self, port, tls):
        raw = socket.create_connection(('127.0.0.1', port), timeout=TIMEOUT_S)
        if tls:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            raw = context.wrap_socket(raw)
        self.sock = raw
        self.buffer = b''
        self.seen = []

    def send(self, text):
        self.sock.sendall(text.encode() + b'\n')

    def wait_line(self, pattern):
        deadline = time.monotonic() + TIMEOUT_S
        regex = re.compile(pattern)
        while time.monotonic() < deadline:
            while b'\n' in self.buffer:
                line, self.buffer = self.buffer.split(b'\n', 1)
                text = line.decode('utf-8', 'replace').rstrip('\r')
                self.seen.append(text)
                if regex.search(text):
                    return text
            self.sock.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            self.buffer += chunk
        raise AssertionError('no line matching %r from the server; it sent %r' % (pattern, self.seen))


class WindowClient:
    """A real socket-client window (offscreen): frames, a name, one text
    sent once connected (--send), and everything it logs in a file."""

    def __init__(self, binary, port, name, text, folder, fingerprint):
        self.log = os.path.join(folder, 'socket-client-%s.log' % name)
        args = [binary, '--host', '127.0.0.1', '--port', str(port), '--framing', 'frames',
                '--name', name, '--connect', '--send', text, '--log', self.log]
        if fingerprint:
            args += ['--tls-fingerprint', fingerprint]
        env = dict(os.environ, QT_QPA_PLATFORM='offscreen')
        self.output = open(os.path.join(folder, 'socket-client-%s.out' % name), 'w')
        self.process = subprocess.Popen(args, stdout=self.output, stderr=subprocess.STDOUT, env=env)

    def lines(self):
        try:
            with open(self.log, encoding='utf-8', errors='replace') as f:
                return f.read().splitlines()
        except FileNotFoundError:
            return []

    def wait_line(self, pattern):
        """Waits until a line of the window's log matches pattern."""
        deadline = time.monotonic() + TIMEOUT_S
        regex = re.compile(pattern)
        while time.monotonic() < deadline:
            for line in self.lines():
                if regex.search(line):
                    return line
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError('socket-client never logged a line matching %r (exit status %r); its log: %r'
                             % (pattern, self.process.poll(), self.lines()))

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.output.close()


def fingerprint_of(openssl, certificate):
    """The SHA-256 fingerprint of a PEM certificate, as --tls-fingerprint takes it."""
    out = subprocess.run([openssl, 'x509', '-noout', '-fingerprint', '-sha256', '-in', certificate],
                         check=True, capture_output=True, text=True).stdout
    return out.strip().split('=', 1)[1]


def start_server(binary, tls):
    args = [binary, '--headless', '--listen', '--port', '0', '--bind', '127.0.0.1',
            '--client-messages', 'relay', '--presence-hold', '0',
            # A browser may bind a request to a connection it opened before,
            # and on a loaded machine send it later than the default 300 ms
            # grace, which takes a silent connection for a line client.
            '--framing-grace', '3000']
    if tls:
        args += ['--tls-cert', tls[0], '--tls-key', tls[1]]
    env = dict(os.environ, QT_QPA_PLATFORM='offscreen')
    server = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        line = server.stdout.readline()
        if not line:
            break
        match = re.search(r'listening on .*:(\d+)', line)
        if match:
            return server, int(match.group(1))
    server.kill()
    raise AssertionError('socket-server did not say where it listens')


def log_entries(driver):
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('[role=log] .entry')).map(e => ({"
        " cls: e.className, sender: (e.querySelector('.sender') || {}).textContent || '',"
        " text: (e.querySelector('.text') || {}).textContent || '' }));")


def wait_entry(driver, predicate, what):
    try:
        return WebDriverWait(driver, TIMEOUT_S).until(
            lambda d: next((e for e in log_entries(d) if predicate(e)), None))
    except Exception:
        raise AssertionError('the page never showed %s; log: %r' % (what, log_entries(driver)))


def no_alert(driver):
    try:
        alert = driver.switch_to.alert
        raise AssertionError('an alert opened: %r' % alert.text)
    except NoAlertPresentException:
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--server', required=True, help='the socket-server binary')
    parser.add_argument('--client', required=True, help='the socket-client binary')
    parser.add_argument('--tls', action='store_true', help='https and wss with a test certificate')
    parser.add_argument('--screenshot')
    args = parser.parse_args()

    browser = find_browser()
    driver_path = shutil.which('chromedriver')
    if not browser or not driver_path:
        skip('chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)')

    tls = None
    fingerprint = None
    folder = tempfile.mkdtemp(prefix='sockethub-web-')
    if args.tls:
        openssl = shutil.which('openssl')
        if not openssl:
            skip('openssl is not installed')
        tls = (os.path.join(folder, 'server.crt'), os.path.join(folder, 'server.key'))
        subprocess.run([openssl, 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
                        '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
                        '-keyout', tls[1], '-out', tls[0]], check=True, capture_output=True)
        fingerprint = fingerprint_of(openssl, tls[0])
    server, port = start_server(args.server, tls)
    driver = None
    window = None
    try:
        scheme = 'https' if args.tls else 'http'
        nc = LineClient(port, bool(args.tls))
        nc.wait_line(r'^\* welcome')

        options = webdriver.ChromeOptions()
        options.binary_location = browser
        for flag in ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
                     '--window-size=420,760'):
            options.add_argument(flag)
        if args.tls:
            options.add_argument('--ignore-certificate-errors')
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
        driver.set_page_load_timeout(TIMEOUT_S)
        driver.get('%s://127.0.0.1:%d/' % (scheme, port))

        name = driver.find_element(By.NAME, 'name')
        name.clear()
        name.send_keys('alice', Keys.ENTER)
        WebDriverWait(driver, TIMEOUT_S).until(
            lambda d: d.find_element(By.ID, 'state').get_attribute('data-state') == 'connected')
        state = driver.find_element(By.ID, 'state').text
        match = re.search(r'#(\d+) alice', state)
        assert match, 'connection state %r does not name #N alice' % state
        alice_id = match.group(1)

        # The line client joins and leaves are announced, and the page's
        # own join reaches the line client.
        nc.wait_line(r'^\* joined #%s: alice joined' % alice_id)

        # Line client -> page, with its sender.
        nc.send('hello from nc')
        entry = wait_entry(driver, lambda e: e['text'] == 'hello from nc', 'the line client\'s text')
        assert re.fullmatch(r'#\d+', entry['sender']), entry

        # A socket-client window joins and sends its text: the page shows
        # it with the window's sender, and so does the line client.
        window = WindowClient(args.client, port, 'bob', 'hello from the window', folder, fingerprint)
        bob_id = re.search(r'#(\d+)', nc.wait_line(r'^\* joined #\d+: bob joined')).group(1)
        entry = wait_entry(driver, lambda e: e['text'] == 'hello from the window', 'the window\'s text')
        assert entry['sender'] == '#%s bob' % bob_id, entry
        nc.wait_line(r'^#%s bob: hello from the window$' % bob_id)

        # Page -> line client and window: Enter in the message box sends.
        box = driver.find_element(By.NAME, 'message')
        box.send_keys('hi from the browser', Keys.ENTER)
        nc.wait_line(r'^#%s alice: hi from the browser$' % alice_id)
        window.wait_line(r'#%s alice\b.*hi from the browser' % alice_id)

        # Hostile texts both ways are shown as text.
        box.send_keys(HOSTILE, Keys.ENTER)
        nc.wait_line(r'^#%s alice: %s$' % (alice_id, re.escape(HOSTILE)))
        nc.send(HOSTILE)
        nc.send(HOSTILE_SCRIPT)
        wait_entry(driver, lambda e: e['text'] == HOSTILE and 'own' not in e['cls'], 'the hostile text as text')
        wait_entry(driver, lambda e: e['text'] == HOSTILE_SCRIPT, 'the script text as text')
        log = driver.find_element(By.CSS_SELECTOR, '[role=log]')
        assert not log.find_elements(By.TAG_NAME, 'img'), 'an <img> was made from a text'
        assert not log.find_elements(By.TAG_NAME, 'script'), 'a <script> was made from a text'
        no_alert(driver)

        if args.screenshot:
            driver.save_screenshot(args.screenshot)
        print('PASS: %s page joined as #%s; texts both ways with a line client and a socket-client window;'
              ' hostile texts shown as text' % (scheme, alice_id))
        return 0
    finally:
        if window:
            window.stop()
        if driver:
            driver.quit()
        server.terminate()
        try:
            server.wait(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
