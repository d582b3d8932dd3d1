"""test_harness.py — proves harness.py on programs this machine already has
(python's own curses module, a shell), and on `juwei --help` when built."""
import os
import re
import signal
import sqlite3
import subprocess
import sys

from harness import Kiosk, Site, Terminal, ini_get, ini_set, juwei_bin, run, skip

# A small curses program: Chinese text in a box, the size, and each key it
# gets as "#N NAME" (curses key name, "ESC", "^A", or the character). After
# an Esc it looks for a key already waiting: "ESC+1" means both arrived
# together. 'q' ends it with status 3.
FIXTURE = r'''
import curses, locale, sys
locale.setlocale(locale.LC_ALL, "")

def name(k):
    if isinstance(k, int):
        return curses.keyname(k).decode()
    if k == "\x1b":
        return "ESC"
    if ord(k) < 32:
        return "^" + chr(ord(k) + 64)
    return "DEL" if k == "\x7f" else k

def draw(w, n, last):
    w.erase()
    h, wd = w.getmaxyx()
    w.box()
    w.addstr(1, 2, "中文abc测试")
    w.addstr(2, 2, "size %dx%d" % (wd, h))
    w.addstr(3, 2, "#%d %s" % (n, last))
    w.addstr(4, wd - 5, "边界")
    w.move(1, 5)
    w.refresh()

def main(w):
    curses.set_escdelay(25)
    curses.raw()        # else C-s is XOFF and stops the output
    # A blocking read would miss a SIGWINCH that lands just before it
    # (ncurses checks its flag, then waits): wake up now and then.
    w.timeout(100)
    n, last = 0, "-"
    draw(w, n, last)
    while True:
        try:
            k = w.get_wch()
        except curses.error:
            continue
        if k == "q":
            return 3
        if k != curses.KEY_RESIZE:
            n, last = n + 1, name(k)
            if k == "\x1b":
                w.nodelay(True)
                try:
                    last += "+" + name(w.get_wch())
                except curses.error:
                    pass
                w.timeout(100)
        draw(w, n, last)

sys.exit(curses.wrapper(main))
'''


def drawn(k):
    """Waits for the end of a refresh: the fixture leaves the cursor at
    (1, 5) and ncurses moves it there last."""
    k.wait_until(lambda: k.cursor() == (1, 5), what='cursor at (1, 5)')


def fixture(**kw):
    k = Kiosk(program=[sys.executable, '-c', FIXTURE], **kw)
    k.wait_for('#0 -')
    drawn(k)
    return k


# ---------------------------------------------------------------- emulator alone

def test_wide_characters_take_two_columns():
    t = Terminal(20, 3)
    t.feed('中文ab\x1b[2;3H测x'.encode())
    assert t.row(0) == '中文ab'
    assert t.cell_text(0, 0, 2) == '中'
    assert t.cell_text(0, 2, 2) == '文'
    assert t.cell_text(0, 4, 2) == 'ab'
    assert t.cell_text(1, 2, 3) == '测x'
    assert t.find('ab') == (0, 4)
    assert t.find('x') == (1, 4)
    assert t.find(re.compile('测.')) == (1, 2)
    assert t.cursor() == (1, 5)


def test_overwritten_half_of_wide_character_reads_as_blank():
    t = Terminal(10, 2)
    t.feed('中文\x1b[1;2Hx\x1b[2;1H中\x1b[2;1Hy'.encode())
    # x over the right half of 中: a real terminal erases 中
    assert t.row(0) == ' x文', repr(t.row(0))
    # y over the left half of 中: the orphaned right half is blank
    assert t.cell_text(1, 0, 2) == 'y '


def test_line_drawing_in_either_form():
    t = Terminal(10, 3)
    t.feed(b'\x1b(0lqqk\x1b(B\r\n\x1b)0\x0exqqx\x0f ok\r\n\xe2\x94\x94\xe2\x94\x80\xe2\x94\x98')
    assert t.row(0) == '┌──┐'
    assert t.row(1) == '│──│ ok', repr(t.row(1))
    assert t.row(2) == '└─┘'


def test_repeat_scroll_and_alternate_screen():
    t = Terminal(10, 4)
    t.feed(b'shell$\r\n')
    t.feed(b'\x1b[?1049h\x1b[H-\x1b[5b')           # REP
    assert t.row(0) == '------'
    assert 'shell' not in t.screen_text()
    t.feed(b'\x1b[1;1Ha\x1b[2;1Hb\x1b[3;1Hc\x1b[4;1Hd\x1b[2;4r\x1b[S')
    assert [t.row(y) for y in range(4)] == ['a-----', 'c', 'd', '']
    t.feed(b'\x1b[T')
    assert [t.row(y) for y in range(4)] == ['a-----', '', 'c', 'd']
    t.feed(b'\x1b[r\x1b[?1049l')
    assert t.row(0) == 'shell$'


def test_unknown_private_sequences_do_not_stop_the_parser():
    t = Terminal(10, 2)
    t.feed(b'\x1b[?6n\x1b[?1;2;3A\x1b[22;0;0tok')
    assert t.row(0) == 'ok'


# ---------------------------------------------------------------- a curses program in a pty

def test_box_and_chinese_columns():
    k = fixture()
    assert k.row(0) == '┌' + '─' * 78 + '┐'
    assert k.row(1).startswith('│ 中文abc测试 ')
    assert k.cell_text(1, 2, 2) == '中'
    assert k.cell_text(1, 4, 2) == '文'
    assert k.cell_text(1, 6, 3) == 'abc'
    assert k.cell_text(1, 9, 4) == '测试'
    assert k.cell_text(1, 79, 1) == '│'
    assert k.cell_text(4, 75, 4) == '边界'
    assert k.cell_text(4, 79, 1) == '│'
    assert k.row(23) == '└' + '─' * 78 + '┘'
    assert k.wait_for('size 80x24') == (2, 2)
    assert k.find('中文') == (1, 2) and k.find('abc') == (1, 6)


def test_box_drawn_with_acs_reads_back_too():
    k = fixture(env={'NCURSES_NO_UTF8_ACS': None})
    assert b'\x1b(0' in k.raw(), 'ncurses drew the box with UTF-8 characters'
    assert k.row(0) == '┌' + '─' * 78 + '┐'
    assert k.cell_text(1, 79, 1) == '│'


def test_named_keys_arrive_as_curses_keys():
    k = fixture()
    expect = [('F1', 'KEY_F(1)'), ('F10', 'KEY_F(10)'), ('F12', 'KEY_F(12)'),
              ('Up', 'KEY_UP'), ('Down', 'KEY_DOWN'), ('Left', 'KEY_LEFT'),
              ('Right', 'KEY_RIGHT'), ('Home', 'KEY_HOME'), ('End', 'KEY_END'),
              ('PgUp', 'KEY_PPAGE'), ('PgDn', 'KEY_NPAGE'), ('BTab', 'KEY_BTAB'),
              ('Backspace', 'KEY_BACKSPACE'), ('Delete', 'KEY_DC'),
              ('Insert', 'KEY_IC'), ('Tab', '^I'),
              ('Enter', '^J'),     # CR, mapped to NL: python's curses leaves nl() on
             
              ('C-s', '^S'), ('C-a', '^A'), ('Space', ' ')]
    for i, (key, name) in enumerate(expect, 1):
        k.send(key)
        k.wait_for('#%d %s' % (i, name))


def test_keys_follow_the_terminfo_of_term():
    k = fixture(term='linux')
    assert k.key('F1') == b'\x1b[[A'
    k.send('F1')
    k.wait_for('#1 KEY_F(1)')
    k.send('Up')
    k.wait_for('#2 KEY_UP')


def test_chinese_text_is_typed_as_utf8():
    k = fixture()
    k.send('张')
    k.wait_for('#1 张')
    k.send('三', 'a')
    k.wait_for('#3 a')
    k.type('Up')                     # literally, not the key
    k.wait_for('#5 p')


def test_esc_digit_pair_and_lone_esc():
    k = fixture(esc_wait=0.3)
    k.send('Esc', '1')
    k.wait_for('#1 ESC+1')
    k.send('Esc')
    k.wait_for('#2 ESC ')
    k.send('x')          # waits esc_wait first, so the Esc stood alone
    k.wait_for('#3 x')
    assert k.row(3).startswith('│ #3 x')


def test_resize_reaches_the_program():
    k = fixture()
    k.resize(100, 30)
    k.wait_for('size 100x30')
    drawn(k)
    assert k.cell_text(29, 0, 1) == '└'
    assert k.cell_text(29, 99, 1) == '┘'
    assert k.cell_text(4, 95, 4) == '边界'
    k.resize(60, 20)
    k.wait_for('size 60x20')
    drawn(k)
    assert k.row(19) == '└' + '─' * 58 + '┘'


def test_bytes_written_counts_output():
    k = fixture()
    before = k.bytes_written()
    assert before > 80 * 2          # at least the two box lines
    k.send('a')
    k.wait_for('#1 a')
    drawn(k)
    grew = k.bytes_written() - before
    assert 0 < grew < 200, grew
    k.wait_quiet(30)                # nothing more comes
    assert k.bytes_written() == before + grew == len(k.raw())


def test_exit_status():
    k = fixture()
    k.send('q')
    assert k.expect_exit() == 3


def test_signal_ends_the_program():
    k = fixture()
    k.signal(signal.SIGTERM)
    st = k.expect_exit()
    assert st == 1, st


def test_close_pty_hangs_up():
    k = fixture()
    k.close_pty()
    assert k.expect_exit() == -signal.SIGHUP


def test_wait_for_timeout_shows_the_screen():
    k = fixture()
    try:
        k.wait_for('never there', timeout=0.2)
    except AssertionError as e:
        msg = str(e)
    else:
        raise AssertionError('wait_for did not fail')
    assert "'never there'" in msg
    assert '│ 中文abc测试' in msg
    assert ' 1 |│ 中文abc测试' in msg         # numbered rows
    try:
        k.wait_gone('中文', timeout=0.1)
    except AssertionError as e:
        assert 'still on screen' in str(e)
    else:
        raise AssertionError('wait_gone did not fail')


def test_wait_for_fails_at_once_when_the_program_ends():
    k = Kiosk(program=['/bin/sh', '-c', 'echo bye; exit 4'])
    try:
        k.wait_for('never', timeout=30)
    except AssertionError as e:
        assert 'exited with status 4' in str(e) or 'ended its output' in str(e), str(e)
        assert 'bye' in str(e)
    assert k.expect_exit() == 4


def test_environment_of_the_program():
    k = Kiosk(program=['/bin/sh', '-c',
                       'echo "[$LANG][$LC_ALL][$TERM][$LINES][$NCURSES_NO_UTF8_ACS]"; '
                       'echo "$ASAN_OPTIONS"; echo "$LSAN_OPTIONS"; stty size'],
              cols=200)
    assert k.expect_exit() == 0
    k.wait_for('[C.UTF-8][][xterm-256color][][1]')
    text = k.screen_text()
    assert re.search(r'halt_on_error=1.*:log_path=\S+/asan', text), text
    assert re.search(r'suppressions=\S+lsan.supp.*:log_path=', text), text
    assert '24 200' in text


def test_sanitizer_report_fails_the_test():
    # Writes a report where ASAN_OPTIONS's last log_path tells it to, as
    # the sanitizer runtime would.
    k = Kiosk(program=['/bin/sh', '-c',
                       'p=${ASAN_OPTIONS##*log_path=}; '
                       'echo "ERROR: AddressSanitizer: heap-use-after-free" > "$p.$$"'])
    try:
        k.expect_exit()
    except AssertionError as e:
        assert 'heap-use-after-free' in str(e)
    else:
        raise AssertionError('the report was not noticed')


def test_sanitizer_report_on_stderr_fails_the_test():
    # GCC's UBSan prints to stderr, in colour on a tty, whatever log_path says.
    k = Kiosk(program=['/bin/sh', '-c', 'printf "x.c:1:2:\\033[1m\\033[31m runtime error: \\033[0m'
                       'signed integer overflow\\n    #0 in main x.c:1\\n" >&2; exit 1'])
    try:
        k.expect_exit()
    except AssertionError as e:
        assert 'x.c:1:2: runtime error: signed integer overflow\n    #0 in main' in str(e), str(e)
    else:
        raise AssertionError('the report was not noticed')


def test_runner_isolates_tests_and_counts():
    src = (
        'import sys; sys.path.insert(0, %r)\n'
        'from harness import Kiosk, run, skip\n'
        'def test_fails():\n'
        '    k = Kiosk(program=["/bin/sh", "-c", "echo shown; sleep 30"])\n'
        '    k.wait_for("shown")\n'
        '    assert 1 == 2, "one is not two"\n'
        'def test_passes():\n'
        '    pass\n'
        'def test_skipped():\n'
        '    skip("not today")\n'
        'run(globals())\n' % os.path.dirname(os.path.abspath(__file__)))
    p = subprocess.run([sys.executable, '-c', src], capture_output=True, text=True, timeout=30)
    out = p.stdout
    assert p.returncode == 1, out + p.stderr
    assert 'FAIL test_fails\n' in out
    assert 'one is not two' in out and '|shown' in out, out   # message and screen
    assert 'ok   test_passes\n' in out
    assert 'skip test_skipped: not today\n' in out
    assert out.endswith('1 passed, 1 failed\n'), out
    p = subprocess.run([sys.executable, '-c', src, 'test_passes'],
                       capture_output=True, text=True, timeout=30)
    assert p.returncode == 0 and p.stdout == 'ok   test_passes\n1 passed, 0 failed\n', p.stdout


# ---------------------------------------------------------------- site and the real binary

def test_ini_database_line_is_rewritten():
    text = '; juwei\n[site]\nDatabase = /var/lib/juwei/juwei.db\nlanguage = zh\n\n[districts]\nd1 = 东区\n'
    out = ini_set(text, 'site', 'database', '/tmp/x.db')
    assert out == text.replace('Database = /var/lib/juwei/juwei.db', 'database = /tmp/x.db')
    out = ini_set('[site]\nlanguage = zh\n\n[districts]\n', 'site', 'database', '/tmp/x.db')
    assert out == '[site]\nlanguage = zh\n\ndatabase = /tmp/x.db\n[districts]\n'
    assert ini_get(ini_set('[a]\nb = 1', 'site', 'database', 'y'), 'site', 'database') == 'y'
    s = Site(ini_text='[site]\nesc_delay_ms = 100\ndatabase = elsewhere.db\n')
    with open(s.ini, encoding='utf-8') as f:
        assert ini_get(f.read(), 'site', 'database') == s.db
    assert os.path.dirname(s.db) == s.dir
    assert abs(s.esc_wait - 0.3) < 1e-9


def test_site_sql_reads_the_database():
    s = Site(ini_text='[site]\n')
    try:
        s.sql('select 1')
    except Exception as e:
        assert 'unable to open' in str(e)     # never creates an empty one
    else:
        raise AssertionError('sql opened a missing database')
    con = sqlite3.connect(s.db)
    con.executescript("create table t(name); insert into t values ('王五');")
    con.close()
    assert s.sql('select name from t where name = ?', '王五') == [('王五',)]
    assert s.value('select count(*) from t') == 1


def test_juwei_help_in_the_pty():
    if juwei_bin() is None:
        skip('juwei binary not built')
    k = Kiosk(args=['--help'])
    assert k.expect_exit() == 0
    k.wait_for(re.compile(r'usage: juwei|用法'))


def test_juwei_cli_through_site():
    if juwei_bin() is None:
        skip('juwei binary not built')
    s = Site(ini_text='[site]\n')
    p = s.juwei('--version', config=False)
    assert p.returncode == 0 and p.stdout.startswith('juwei '), (p.returncode, p.stdout, p.stderr)


run(globals())
