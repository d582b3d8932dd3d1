"""harness.py — drives the real juwei binary in a pty inside a terminal
emulator (pyte), types as a person would and reads the screen back.

Runs under Debian's /usr/bin/python3 (python3-pyte, python3-pexpect).
A test file is a module of test_* functions ending with run(globals());
see README.md in this directory.
"""
import codecs
import errno
import inspect
import json
import os
import re
import select
import shutil
import signal as _signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from collections import defaultdict

import pexpect
import pyte
from pyte.screens import StaticDefaultDict
from wcwidth import wcwidth

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, '..', '..'))
REPO_INI = os.path.join(TOP, 'config', 'juwei.ini')

#: Set JUWEI_TUI_KEEP=1 to keep every test's temporary directory (with the
#: raw pty output and the last screen of each program) for a post-mortem.
KEEP = os.environ.get('JUWEI_TUI_KEEP', '') not in ('', '0')
#: A test running longer than this is stopped and failed.
TEST_TIMEOUT = 60


class Skip(Exception):
    """Raised by skip(): the runner counts the test neither passed nor failed."""


def skip(reason):
    raise Skip(reason)


def juwei_bin():
    """The binary under test: $JUWEI_BIN, else build/san/juwei; None when
    it has not been built."""
    path = os.environ.get('JUWEI_BIN') or os.path.join(TOP, 'build', 'san', 'juwei')
    return path if os.access(path, os.X_OK) else None


def _require_bin():
    path = juwei_bin()
    if path is None:
        skip('juwei binary not built (%s)' %
             (os.environ.get('JUWEI_BIN') or 'build/san/juwei'))
    return path


def _localedir():
    return os.environ.get('JUWEI_LOCALEDIR') or os.path.join(TOP, 'build', 'locale')


# ---------------------------------------------------------------- sanitizers

def _makefile_san_options():
    """The ASAN/UBSAN/LSAN_OPTIONS the Makefile exports, for runs that do
    not come through make (a test run by hand)."""
    opts = {}
    try:
        with open(os.path.join(TOP, 'Makefile'), encoding='utf-8') as f:
            for line in f:
                m = re.match(r'export\s+((?:A|UB|L)SAN_OPTIONS)\s*:?=\s*(.*)$', line)
                if m:
                    opts[m.group(1)] = m.group(2).strip().replace('$(CURDIR)', TOP)
    except OSError:
        pass
    return opts


_san_seq = 0


class _SanLog:
    """One directory per process for its sanitizer reports, so a report is
    tied to the run that made it. The settings the Makefile exports are
    kept; log_path is appended (the last setting of a flag wins)."""

    def __init__(self, parent):
        global _san_seq
        _san_seq += 1
        self.dir = os.path.join(parent, 'san-%d' % _san_seq)
        os.makedirs(self.dir, exist_ok=True)
        self._seen = set()

    def env(self, base):
        made = _makefile_san_options()
        out = {}
        for name, log in (('ASAN_OPTIONS', 'asan'), ('UBSAN_OPTIONS', 'ubsan'),
                          ('LSAN_OPTIONS', 'asan')):
            v = base.get(name, os.environ.get(name, made.get(name, '')))
            path = 'log_path=' + os.path.join(self.dir, log)
            out[name] = v + ':' + path if v else path
        return out

    def reports(self):
        """Report texts not handed out before."""
        out = []
        for name in sorted(os.listdir(self.dir)):
            path = os.path.join(self.dir, name)
            if path in self._seen or os.path.getsize(path) == 0:
                continue
            self._seen.add(path)
            with open(path, encoding='utf-8', errors='replace') as f:
                out.append('sanitizer report %s:\n%s' % (name, f.read()))
        return out


# GCC's UBSan, linked with ASan, ignores log_path and reports on stderr
# (here the pty, or the captured stderr of a command): look there too.
_SAN_OUT = re.compile(r'[^\n]*(?:: runtime error: |ERROR: (?:Address|Leak)Sanitizer)')
_ESCAPES = re.compile(r'\x1b(?:\[[0-9;?>]*[ -/]*[@-~]|[()][0-9A-Za-z]|.)')


def sanitizer_output(data):
    """The sanitizer report found in a program's output bytes, or None."""
    text = _ESCAPES.sub('', data.decode('utf-8', 'replace'))
    m = _SAN_OUT.search(text)
    if m is None:
        return None
    return 'sanitizer report in the output:\n' + text[m.start():m.start() + 8000].replace('\r', '')


def _child_env(extra, san, term=None):
    """The caller's environment without anything that would change what the
    program does behind the test's back (locale, size, database)."""
    env = {k: v for k, v in os.environ.items()
           if not (k.startswith('LC_') or k.startswith('NCURSES_') or
                   k in ('LANG', 'LANGUAGE', 'LINES', 'COLUMNS', 'TERMCAP',
                         'ESCDELAY', 'JUWEI_DB', 'JUWEI_CONFIG'))}
    env['LANG'] = 'C.UTF-8'
    env['TERM'] = term or 'dumb'
    if term:
        # ncurses then draws lines as UTF-8 box characters; the emulator
        # also understands the ESC ( 0 form, see _Stream.
        env['NCURSES_NO_UTF8_ACS'] = '1'
    env['JUWEI_LOCALEDIR'] = _localedir()
    extra = dict(extra or {})
    for k, v in extra.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    env.update(san.env(env))
    return env


# ---------------------------------------------------------------- terminfo keys

_CAPS = {'Up': 'kcuu1', 'Down': 'kcud1', 'Left': 'kcub1', 'Right': 'kcuf1',
         'Home': 'khome', 'End': 'kend', 'PgUp': 'kpp', 'PgDn': 'knp',
         'BTab': 'kcbt', 'Backspace': 'kbs', 'Delete': 'kdch1',
         'Insert': 'kich1'}
_CAPS.update(('F%d' % i, 'kf%d' % i) for i in range(1, 13))
_FIXED = {'Tab': b'\t', 'Enter': b'\r', 'Esc': b'\x1b', 'Space': b' '}
_FIXED.update(('C-' + chr(ord('a') + i), bytes([i + 1])) for i in range(26))
_term_cache = {}

# Python's curses.setupterm() only takes effect on its first call in a
# process, so each TERM is looked up in a fresh interpreter (once).
_TIGETSTR = r'''
import curses, json, sys
curses.setupterm(sys.argv[1], sys.stdout.fileno())
out = {}
for cap in sys.argv[2:]:
    s = curses.tigetstr(cap)
    out[cap] = None if s is None else s.decode('latin-1')
print(json.dumps(out))
'''


def term_keys(term):
    """{'F1': b'\\x1bOP', ...} as the terminfo entry of `term` has them
    (the keypad-transmit forms, which ncurses switches on with smkx)."""
    if term not in _term_cache:
        p = subprocess.run([sys.executable, '-c', _TIGETSTR, term] +
                           sorted(set(_CAPS.values())),
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise ValueError('no terminfo entry for TERM=%s: %s' % (term, p.stderr.strip()))
        caps = json.loads(p.stdout)
        keys = dict(_FIXED)
        for name, cap in _CAPS.items():
            if caps[cap] is not None:
                keys[name] = caps[cap].encode('latin-1')
        _term_cache[term] = keys
    return _term_cache[term]


def key_names():
    return sorted(set(_CAPS) | set(_FIXED))


# ---------------------------------------------------------------- emulator

class _Screen(pyte.Screen):
    """pyte's screen plus what xterm-256color's terminfo offers ncurses
    and pyte 0.8 lacks: REP (rep, repeat the last character), SU/SD
    (indn/rin, scrolling), and the alternate screen (smcup/rmcup: the
    shell's screen comes back when the program ends)."""

    def __init__(self, cols, rows):
        super().__init__(cols, rows)
        self.replies = []
        self.ignored = []        # sequences the emulator did not understand
        self._last = None
        self._main = None
        # A control sequence with a "?" or too many parameters must not stop
        # the parser (pyte's parser dies on a TypeError): ignore it, noted.
        for name in set(_Stream.csi.values()):
            setattr(self, name, self._tolerant(name, getattr(self, name)))

    def _tolerant(self, name, method):
        params = inspect.signature(method).parameters.values()
        takes_private = any(p.name == 'private' or p.kind == p.VAR_KEYWORD
                            for p in params)

        def call(*args, **kw):
            if kw and not takes_private:
                self.ignored.append((name, args, kw))
                return None
            try:
                return method(*args, **kw)
            except TypeError:
                self.ignored.append((name, args, kw))
                return None
        return call

    def draw(self, data):
        if data:
            self._last = data[-1]
        super().draw(data)

    def repeat_last(self, count=0, *rest, **kw):
        if self._last is not None:
            self.draw(self._last * max(count, 1))

    def _region(self):
        if self.margins is None:
            return 0, self.lines - 1
        return self.margins.top, self.margins.bottom

    def scroll_up(self, count=0, *rest, **kw):
        top, bottom = self._region()
        count = min(max(count, 1), bottom - top + 1)
        for y in range(top, bottom + 1):
            if y + count <= bottom:
                self.buffer[y] = self.buffer[y + count]
            else:
                self.buffer.pop(y, None)
        self.dirty.update(range(self.lines))

    def scroll_down(self, count=0, *rest, **kw):
        top, bottom = self._region()
        count = min(max(count, 1), bottom - top + 1)
        for y in range(bottom, top - 1, -1):
            if y - count >= top:
                self.buffer[y] = self.buffer[y - count]
            else:
                self.buffer.pop(y, None)
        self.dirty.update(range(self.lines))

    def _new_buffer(self):
        return defaultdict(lambda: StaticDefaultDict(self.default_char))

    def set_mode(self, *modes, **kw):
        if kw.get('private') and self._main is None and \
                any(m in (47, 1047, 1049) for m in modes):
            if 1049 in modes:
                self.save_cursor()
            self._main = self.buffer
            self.buffer = self._new_buffer()
            self.dirty.update(range(self.lines))
        super().set_mode(*modes, **kw)

    def reset_mode(self, *modes, **kw):
        if kw.get('private') and self._main is not None and \
                any(m in (47, 1047, 1049) for m in modes):
            self.buffer = self._main
            self._main = None
            if 1049 in modes:
                self.restore_cursor()
            self.dirty.update(range(self.lines))
        super().reset_mode(*modes, **kw)

    def report_device_status(self, mode=0, *rest, **kw):
        if not kw.get('private'):
            super().report_device_status(mode)

    def write_process_input(self, data):
        self.replies.append(data)


class _Stream(pyte.Stream):
    """Decodes UTF-8 itself and leaves pyte's parser in its non-UTF-8 mode,
    so that ESC ( 0 and SO/SI switch to line drawing as xterm does even in
    UTF-8: box lines read back as ┌─┐ however ncurses chose to draw them."""
    csi = dict(pyte.Stream.csi, b='repeat_last', S='scroll_up', T='scroll_down')

    def __init__(self, screen):
        super().__init__(screen)
        self.use_utf8 = False
        self._decoder = codecs.getincrementaldecoder('utf-8')('replace')

    def feed_bytes(self, data):
        self.feed(self._decoder.decode(data))

    def select_other_charset(self, code):
        pass


class Terminal:
    """A terminal emulator of cols × rows fed with bytes, read as text.

    Text reads naturally: a wide (Chinese) character occupies two columns on
    screen but one character in row() and screen_text(); positions are
    always screen columns."""

    def __init__(self, cols=80, rows=24):
        self._screen = _Screen(cols, rows)
        self._stream = _Stream(self._screen)

    @property
    def cols(self):
        return self._screen.columns

    @property
    def rows(self):
        return self._screen.lines

    def feed(self, data):
        self._stream.feed_bytes(data)

    def _glyphs(self, y):
        """[(column, text)] of the characters that start in each cell."""
        line = self._screen.buffer[y]
        cols = self._screen.columns
        out = []
        x = 0
        while x < cols:
            ch = line[x].data
            if ch == '':
                # the right half of a wide character that was overwritten:
                # a real terminal shows a blank there
                out.append((x, ' '))
                x += 1
            elif wcwidth(ch[0]) == 2 and x + 1 < cols:
                # a wide character whose right half was overwritten is
                # gone on a real terminal
                out.append((x, ch if line[x + 1].data == '' else ' '))
                x += 2 if line[x + 1].data == '' else 1
            else:
                out.append((x, ch))
                x += 1
        return out

    def row(self, n):
        """Line n (0 = top) as text, trailing blanks removed."""
        return ''.join(g for _, g in self._glyphs(n)).rstrip()

    def screen_text(self):
        return '\n'.join(self.row(y) for y in range(self.rows))

    def cell_text(self, row, col, width=1):
        """The characters starting in columns col … col+width-1 of `row`
        (a wide character counts where its left half is)."""
        return ''.join(g for x, g in self._glyphs(row) if col <= x < col + width)

    def cell(self, row, col):
        """pyte's Char at (row, col): .data .fg .bg .bold .reverse …"""
        return self._screen.buffer[row][col]

    def cursor(self):
        c = self._screen.cursor
        return c.y, min(c.x, self.cols - 1)

    def find(self, text):
        """(row, column) of the first occurrence of `text` (a str, or a
        compiled regex matched against screen_text()), else None."""
        starts = []                # index in screen_text() → (row, column)
        parts = []
        for y in range(self.rows):
            glyphs = self._glyphs(y)
            line = ''.join(g for _, g in glyphs).rstrip()
            starts += [(y, x) for x, g in glyphs for _ in g][:len(line)]
            starts.append((y, self.cols))      # the newline
            parts.append(line)
        text_all = '\n'.join(parts)
        if isinstance(text, str):
            i = text_all.find(text)
        else:
            m = text.search(text_all)
            i = m.start() if m else -1
        return None if i < 0 else starts[i]

    def dump(self):
        """The screen with row numbers and a column ruler, for failure
        messages."""
        w = self.cols
        tens = ''.join(str(x // 10 % 10) if x % 10 == 0 else ' ' for x in range(w))
        ones = ''.join(str(x % 10) for x in range(w))
        out = ['screen %dx%d, cursor at row %d col %d:' % ((w, self.rows) + self.cursor()),
               '    ' + tens, '    ' + ones, '   +' + '-' * w + '+']
        for y in range(self.rows):
            glyphs = self._glyphs(y)
            line = ''.join(g for _, g in glyphs)
            out.append('%2d |%s|' % (y, line))
        out.append('   +' + '-' * w + '+')
        return '\n'.join(out)

    def show(self):
        print(self.dump())


# ---------------------------------------------------------------- the program in a pty

_live = []        # what the current test made; run() cleans up after it


def _fail(msg):
    e = AssertionError(msg)
    e.screen_shown = True
    return e


class Kiosk(Terminal):
    """The program (juwei with `args`, or `program` + `args`) running in a
    pty of cols × rows, its output fed into the emulator."""

    def __init__(self, args=(), cols=80, rows=24, term='xterm-256color',
                 env=None, program=None, cwd=None, esc_wait=0.3, workdir=None):
        super().__init__(cols, rows)
        self._fd = None
        self._status = None
        self._eof = False
        self._raw = bytearray()
        self._out_reported = False
        self._esc_until = 0.0
        self.esc_wait = esc_wait
        self.term = term
        self._own_dir = workdir is None
        self.dir = workdir or tempfile.mkdtemp(prefix='juwei-tui-')
        self._san = _SanLog(self.dir)
        _live.append(self)
        if program is None:
            cmd = [_require_bin()] + list(args)
        else:
            cmd = ([program] if isinstance(program, str) else list(program)) + list(args)
        self.argv = cmd
        self._keys = term_keys(term)
        self._child = pexpect.spawn(cmd[0], cmd[1:], env=_child_env(env, self._san, term),
                                    cwd=cwd or self.dir, dimensions=(rows, cols),
                                    encoding=None)
        self.pid = self._child.pid
        self._fd = self._child.child_fd
        os.set_blocking(self._fd, False)

    # -- reading

    def _read_available(self):
        """Reads everything the program has written; the number of bytes."""
        n = 0
        while not self._eof:
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                break
            except OSError as e:
                if e.errno != errno.EIO:    # EIO: the slave side is closed
                    raise
                data = b''
            if not data:
                self._eof = True
                break
            n += len(data)
            self._raw += data
            self.feed(data)
        if self._screen.replies and not self._eof:
            replies, self._screen.replies = self._screen.replies, []
            self._write(''.join(replies).encode('utf-8'))
        return n

    def _pump(self, timeout):
        """Waits up to `timeout` s for output and reads it; bytes read."""
        if self._eof:
            time.sleep(max(timeout, 0))
            return 0
        r, _, _ = select.select([self._fd], [], [], max(timeout, 0))
        return self._read_available() if r else 0

    def _matches(self, text):
        if isinstance(text, str):
            return self.find(text)
        return text.search(self.screen_text())

    def _state(self):
        if self._fd is None:
            return 'pty closed'
        st = self._poll()
        if st is not None:
            return 'program exited with status %d' % st
        return 'program ended its output' if self._eof else 'program running'

    def wait_until(self, predicate, timeout=5, what=None):
        """Reads output until predicate() is true; returns its value.
        E.g. wait_until(lambda: k.cursor() == (5, 12)): ncurses moves the
        cursor last, so this waits for a whole refresh."""
        deadline = time.monotonic() + timeout
        while True:
            found = predicate()
            if found:
                return found
            left = deadline - time.monotonic()
            if left <= 0 or self._eof:
                raise _fail('waited %ss for %s (%s)\n%s' % (
                    timeout, what or getattr(predicate, '__name__', 'a condition'),
                    self._state(), self.dump()))
            self._pump(min(left, 0.5))

    def wait_for(self, text, timeout=5):
        """Reads output until `text` (str or compiled regex) is on screen.
        Returns (row, column) for a str, the match for a regex. The rest of
        the screen may still be on its way: wait for what you check."""
        what = repr(getattr(text, 'pattern', text))
        return self.wait_until(lambda: self._matches(text), timeout, what)

    def wait_gone(self, text, timeout=5):
        what = '%r to leave the screen (still on screen)' % getattr(text, 'pattern', text)
        self.wait_until(lambda: self._matches(text) is None, timeout, what)

    def wait_quiet(self, ms=100, timeout=5):
        """Reads output until the program has written nothing for `ms`."""
        deadline = time.monotonic() + timeout
        while self._pump(ms / 1000.0) > 0:
            if time.monotonic() > deadline:
                raise _fail('output did not stop for %d ms within %ss\n%s' % (
                    ms, timeout, self.dump()))

    def bytes_written(self):
        """All bytes the program has written to the terminal so far (those
        read by the harness: call wait_for/wait_quiet first)."""
        return len(self._raw)

    def raw(self):
        return bytes(self._raw)

    # -- typing

    def _write(self, data):
        view = memoryview(data)
        while view:
            if self._fd is None:
                raise _fail('cannot type: pty closed')
            r, w, _ = select.select([self._fd], [self._fd], [], 5)
            if r:
                self._read_available()
            if w:
                try:
                    view = view[os.write(self._fd, view[:4096]):]
                except BlockingIOError:
                    pass
                except OSError as e:
                    raise _fail('cannot type (%s): %s\n%s' % (e, self._state(), self.dump()))
            if not r and not w:
                raise _fail('program stopped reading input\n' + self.dump())

    def key(self, name):
        """The bytes a terminal of this TERM sends for the named key."""
        try:
            return self._keys[name]
        except KeyError:
            raise ValueError('TERM=%s has no key %r' % (self.term, name)) from None

    def send(self, *keys):
        """Types keys: a key name ('F1', 'Up', 'C-s', 'Esc' … see
        key_names()) is sent as that key, a number pauses that many seconds,
        any other str is typed as UTF-8 text. Keys of one call go out
        together (send('Esc', '1') is Esc-1, i.e. F1 to the kiosk); after a
        call ending in a lone 'Esc' the next call waits esc_wait s first so
        the Esc stands alone."""
        left = self._esc_until - time.monotonic()
        if left > 0:
            self._pump_for(left)
        buf = b''
        for k in keys:
            if isinstance(k, (int, float)):
                if buf:
                    self._write(buf)
                    buf = b''
                self._pump_for(k)
            elif k in self._keys or k in _FIXED or k in _CAPS:
                buf += self.key(k)
            else:
                buf += k.encode('utf-8')
        if buf:
            self._write(buf)
        if keys and keys[-1] == 'Esc':
            self._esc_until = time.monotonic() + self.esc_wait

    def type(self, text):
        """Types `text` literally, even when it is a key name."""
        self._write(text.encode('utf-8'))

    def _pump_for(self, seconds):
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return
            self._pump(left)

    # -- the process

    def resize(self, cols, rows):
        """Resizes the emulator and the pty; the kernel sends SIGWINCH."""
        self._screen.resize(rows, cols)
        c = self._screen.cursor
        c.x, c.y = min(c.x, cols - 1), min(c.y, rows - 1)
        if self._fd is not None:
            self._child.setwinsize(rows, cols)

    def signal(self, sig):
        os.kill(self.pid, sig)

    def close_pty(self):
        """Closes the master side as a dropped SSH link would: the program
        gets SIGHUP and its reads and writes fail."""
        if self._fd is not None:
            self._read_available()
            self._child.ptyproc.fileobj.close()
            self._child.ptyproc.closed = True
            self._fd = None
            self._eof = True

    def _poll(self):
        """Exit status (negative signal number when killed), None if running."""
        if self._status is None:
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid == 0:
                return None
            self._status = os.WEXITSTATUS(st) if os.WIFEXITED(st) else -os.WTERMSIG(st)
            # reaped here; stop ptyprocess from waiting for it again
            self._child.ptyproc.terminated = True
        return self._status

    def alive(self):
        return self._poll() is None

    def expect_exit(self, timeout=5):
        """Reads the rest of the output, waits for the program to end and
        returns its exit status (-N: killed by signal N). Fails on a
        sanitizer report."""
        deadline = time.monotonic() + timeout
        while self._poll() is None:
            if time.monotonic() > deadline:
                raise _fail('program still running after %ss\n%s' % (timeout, self.dump()))
            self._pump(0.02)
        if self._fd is not None:
            while self._pump(0.01 if self._eof else 0.05):
                pass
        reports = self._reports()
        if reports:
            raise _fail('exit status %d\n%s\n%s' % (self._status, '\n'.join(reports), self.dump()))
        return self._status

    def _reports(self):
        reports = self._san.reports()
        if not self._out_reported:
            found = sanitizer_output(bytes(self._raw))
            if found:
                self._out_reported = True
                reports.append(found)
        return reports

    def _cleanup(self):
        """Ends the program (SIGTERM, then SIGKILL) and returns any
        sanitizer reports not seen yet."""
        if getattr(self, '_child', None) is not None:
            if self._poll() is None:
                try:
                    os.kill(self.pid, _signal.SIGTERM)
                except ProcessLookupError:
                    pass
                deadline = time.monotonic() + 3
                while self._poll() is None and time.monotonic() < deadline:
                    self._pump(0.02)
                if self._poll() is None:
                    os.kill(self.pid, _signal.SIGKILL)
                    os.waitpid(self.pid, 0)
                    self._status = -_signal.SIGKILL
                    self._child.ptyproc.terminated = True
            if self._fd is not None:
                self._read_available()      # a report it printed as it ended
                self._child.ptyproc.fileobj.close()
                self._child.ptyproc.closed = True
                self._fd = None
        reports = self._reports()
        if KEEP:
            n = os.path.basename(self._san.dir).split('-')[1]
            with open(os.path.join(self.dir, 'pty-%s.log' % n), 'wb') as f:
                f.write(self._raw)
            with open(os.path.join(self.dir, 'screen-%s.txt' % n), 'w', encoding='utf-8') as f:
                f.write(self.dump() + '\n')
        elif self._own_dir:
            shutil.rmtree(self.dir, ignore_errors=True)
        return reports

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        _live.remove(self)
        reports = self._cleanup()
        if reports and exc[0] is None:
            raise _fail('\n'.join(reports))


# ---------------------------------------------------------------- a site

# Main-menu entries that live in a group of the home screen's menu, in
# both languages: choose() opens the group first.
MENU_GROUPS = {
    'My leave': 'Leave', 'Leave approvals': 'Leave', 'Who is out': 'Leave',
    '我的请假': '请假', '请假审批': '请假', '请假一览': '请假',
    'Assessment': 'Assessment and training',
    'Training': 'Assessment and training',
    'Roster': 'Assessment and training',
    '考核': '考核与培训', '培训': '考核与培训', '花名册': '考核与培训',
    'Residents': 'Residents and visits', 'Visits': 'Residents and visits',
    '居民': '居民与走访', '走访': '居民与走访',
}


def choose(k, label, exact=True, timeout=5):
    """Picks the menu or agenda line `label` by the hot key drawn before it
    (" 3  Work records"), whatever else stands above it. An entry inside a
    group of the main menu (Leave, Assessment and training) is reached
    through its group when the group is what the screen shows."""
    pat = re.compile(r'^\s+(\S)  ' + re.escape(label) + (r'$' if exact else ''),
                     re.M)
    parent = MENU_GROUPS.get(label)
    if parent is not None:
        k.wait_quiet(100)
        if not pat.search(k.screen_text()):
            choose(k, parent, timeout=timeout)
            # A group with one entry for this account opens it at once.
            # Its title is the label as a word: the group's own title
            # (考核与培训) only starts with the entry's (考核).
            title = re.compile(r'\s*' + re.escape(label) + r'(\s|$)')
            k.wait_until(lambda: pat.search(k.screen_text()) or
                         title.match(k.row(0)),
                         what='%s or its screen' % label)
            if not pat.search(k.screen_text()):
                return
    m = k.wait_for(pat, timeout=timeout)
    k.send(m.group(1))


def back_home(k, timeout=5):
    """Presses F10 until the home screen is back (lists return to their
    menu group first)."""
    home = re.compile(r'juwei 居委 — (home|首页)')
    for _ in range(4):
        k.wait_quiet(100)
        if home.search(k.row(0)):
            return
        k.send('F10')
    k.wait_for(home, timeout=timeout)


def ini_set(text, section, key, value):
    """`text` (an INI file) with `key` of `section` set to `value`: the
    key's line replaced, or added at the end of the section (created if
    missing)."""
    out = []
    cur = None
    done = False
    for line in text.splitlines(keepends=True):
        s = line.strip()
        if s.startswith('[') and s.endswith(']'):
            if cur == section and not done:
                out.append('%s = %s\n' % (key, value))
                done = True
            cur = s[1:-1].strip().lower()
        elif cur == section and re.match(r'\s*%s\s*[=:]' % re.escape(key), line, re.I):
            if not done:
                out.append('%s = %s\n' % (key, value))
            done = True
            continue
        out.append(line)
    if not done:
        if out and not out[-1].endswith('\n'):
            out.append('\n')
        if cur != section:
            out.append('\n[%s]\n' % section)
        out.append('%s = %s\n' % (key, value))
    return ''.join(out)


def ini_get(text, section, key):
    cur = None
    for line in text.splitlines():
        s = line.strip()
        if s.startswith('[') and s.endswith(']'):
            cur = s[1:-1].strip().lower()
            continue
        m = re.match(r'\s*%s\s*[=:]\s*(.*?)\s*$' % re.escape(key), line, re.I)
        if cur == section and m:
            return m.group(1)
    return None


class Site:
    """A temporary directory holding juwei.ini (a copy of the repository's
    config/juwei.ini, or `ini_text`) whose [site] database is juwei.db in
    the same directory."""

    def __init__(self, ini_text=None, init=False):
        self.dir = tempfile.mkdtemp(prefix='juwei-site-')
        _live.append(self)
        if ini_text is None:
            try:
                with open(REPO_INI, encoding='utf-8') as f:
                    ini_text = f.read()
            except FileNotFoundError:
                raise AssertionError('%s is missing' % REPO_INI) from None
        self.db = os.path.join(self.dir, 'juwei.db')
        self.ini = os.path.join(self.dir, 'juwei.ini')
        ini_text = ini_set(ini_text, 'site', 'database', self.db)
        with open(self.ini, 'w', encoding='utf-8') as f:
            f.write(ini_text)
        # A lone Esc must outlast the kiosk's ESCDELAY before the next key.
        try:
            self.esc_wait = int(ini_get(ini_text, 'site', 'esc_delay_ms')) / 1000 + 0.2
        except (TypeError, ValueError):
            self.esc_wait = 0.3
        if init:
            self.juwei('init', check=True)

    def write_ini(self, text):
        """Replaces juwei.ini with `text` (database line rewritten)."""
        with open(self.ini, 'w', encoding='utf-8') as f:
            f.write(ini_set(text, 'site', 'database', self.db))

    def juwei(self, *args, input=None, check=False, env=None, config=True, timeout=60):
        """Runs `juwei -c SITE/juwei.ini ARGS` (without -c if config=False);
        a CompletedProcess with .stdout/.stderr as text. check=True fails
        unless the exit status is 0. Fails on a sanitizer report."""
        cmd = [_require_bin()] + (['-c', self.ini] if config else []) + list(args)
        san = _SanLog(self.dir)
        if isinstance(input, str):
            input = input.encode('utf-8')
        p = subprocess.run(cmd, input=input, capture_output=True, cwd=self.dir,
                           env=_child_env(env, san), timeout=timeout)
        p.stdout_bytes, p.stderr_bytes = p.stdout, p.stderr
        p.stdout = p.stdout.decode('utf-8', 'replace')
        p.stderr = p.stderr.decode('utf-8', 'replace')
        reports = san.reports()
        found = sanitizer_output(p.stderr_bytes)
        if found:
            reports.append(found)
        if reports:
            raise AssertionError('%s: exit status %d\n%s' % (' '.join(args), p.returncode,
                                                              '\n'.join(reports)))
        if check and p.returncode != 0:
            raise AssertionError('juwei %s: exit status %d\nstdout:\n%s\nstderr:\n%s' % (
                ' '.join(args), p.returncode, p.stdout, p.stderr))
        return p

    def kiosk(self, args=(), **kw):
        """The kiosk on this site: juwei -c SITE/juwei.ini ARGS in a pty."""
        kw.setdefault('esc_wait', self.esc_wait)
        return Kiosk(args=['-c', self.ini] + list(args), workdir=self.dir, **kw)

    def sql(self, query, *params):
        """Rows of `query` on the site's database (which must exist)."""
        con = sqlite3.connect('file:%s?mode=rw' % self.db, uri=True, timeout=10)
        try:
            rows = con.execute(query, params).fetchall()
            con.commit()
            return rows
        finally:
            con.close()

    def value(self, query, *params):
        """The first column of the first row of `query`, or None."""
        rows = self.sql(query, *params)
        return rows[0][0] if rows else None

    def _cleanup(self):
        if not KEEP:
            shutil.rmtree(self.dir, ignore_errors=True)
        return []


# ---------------------------------------------------------------- runner

class _TestTimeout(AssertionError):
    pass


def _on_alarm(signum, frame):
    raise _TestTimeout('test still running after %d s' % TEST_TIMEOUT)


def _cleanup_all():
    reports = []
    while _live:
        obj = _live.pop()
        try:
            reports += obj._cleanup()
        except Exception:
            reports.append('cleanup failed:\n' + traceback.format_exc())
    return reports


def _where(tb, path):
    """'file:line: source' of the innermost frame in the test file."""
    frames = [f for f in traceback.extract_tb(tb) if f.filename == path]
    if not frames:
        return ''
    f = frames[-1]
    return '%s:%d: %s' % (os.path.basename(f.filename), f.lineno, f.line)


def _screens():
    return '\n'.join(k.dump() for k in _live if isinstance(k, Kiosk))


def _run_one(fn):
    """('ok'|'FAIL'|'skip', message)."""
    path = inspect.getsourcefile(fn)
    outcome, msg = 'ok', ''
    old = _signal.signal(_signal.SIGALRM, _on_alarm)
    _signal.setitimer(_signal.ITIMER_REAL, TEST_TIMEOUT)
    try:
        fn()
    except Skip as e:
        outcome, msg = 'skip', str(e)
    except AssertionError as e:
        where = _where(e.__traceback__, path)
        outcome = 'FAIL'
        msg = '\n'.join(s for s in (where, str(e)) if s)
        if not getattr(e, 'screen_shown', False) and _screens():
            msg += '\n' + _screens()
    except Exception:
        outcome = 'FAIL'
        msg = traceback.format_exc().rstrip()
        if _screens():
            msg += '\n' + _screens()
    finally:
        _signal.setitimer(_signal.ITIMER_REAL, 0)
        _signal.signal(_signal.SIGALRM, old)
        kept = sorted(set(o.dir for o in _live)) if KEEP else []
        reports = _cleanup_all()
    if reports:
        outcome = 'FAIL'
        msg = '\n'.join([msg] + reports).strip()
    if kept:
        msg = '\n'.join([msg] + ['kept ' + d for d in kept]).strip()
    return outcome, msg


def run(ns, argv=None):
    """Runs the test_* functions of a module's globals() (or those named on
    the command line), each on its own; prints ok/FAIL/skip per test and
    "N passed, N failed"; exits 1 when any failed."""
    argv = sys.argv[1:] if argv is None else argv
    tests = [(n, f) for n, f in ns.items() if n.startswith('test_') and callable(f)]
    passed = failed = 0
    if argv:
        known = dict(tests)
        for name in argv:
            if name not in known:
                print('FAIL %s\n    no such test' % name)
                failed += 1
        tests = [(n, known[n]) for n in argv if n in known]
    for name, fn in tests:
        outcome, msg = _run_one(fn)
        if outcome == 'ok':
            passed += 1
            print('ok   ' + name)
        elif outcome == 'skip':
            print('skip %s: %s' % (name, msg))
        else:
            failed += 1
            print('FAIL ' + name)
            for line in msg.splitlines():
                print('    ' + line)
        sys.stdout.flush()
    print('%d passed, %d failed' % (passed, failed))
    sys.stdout.flush()
    sys.exit(1 if failed else 0)
