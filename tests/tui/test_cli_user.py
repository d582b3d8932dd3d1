"""`juwei user add --password-stdin` refuses a password it could not take
whole — a NUL byte in it, or a line longer than it reads — instead of
setting a shorter one, and adds no account."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import Site, run  # noqa: E402

MSG = 'juwei: the password holds a NUL byte or is too long; nothing changed\n'


def add(site, password_line):
    return site.juwei('user', 'add', 'li', '--name', '李明', '--committee',
                      'hepingli', '--role', 'staff', '--password-stdin',
                      input=password_line)


def test_nul_byte_in_the_password_is_refused():
    site = Site(init=True)
    r = add(site, 'abcdefgh12\0xyz\n')
    assert r.returncode == 1 and r.stderr == MSG, (r.returncode, r.stderr)
    assert site.value('select count(*) from staff') == 0


def test_overlong_password_line_is_refused():
    site = Site(init=True)
    r = add(site, 'x' * 5000 + '\n')
    assert r.returncode == 1 and r.stderr == MSG, (r.returncode, r.stderr)
    assert site.value('select count(*) from staff') == 0


def test_a_good_password_still_works():
    site = Site(init=True)
    r = add(site, 'secret-pass\r\n')
    assert r.returncode == 0, r.stderr
    assert site.value('select count(*) from staff') == 1


run(globals())
