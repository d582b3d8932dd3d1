"""kiosk_helpers.py — what the kiosk's terminal tests share: a site with
an administrator, accounts made through `juwei user add`, logging in, and
waiting for a screen to be drawn whole. Not a test file itself (run.sh
runs only test_*.py)."""
import re

from harness import Site

PW = 'secret-pass'
ADMIN_NAME = '管理员甲'

#: The UI's Chinese labels the tests look for (po/zh_CN/base.po).
HOME = '主菜单'
LOGIN_TITLE = 'juwei 居委 — 登录'
WRONG = '用户名或密码不对'


def add_user(site, login, name, role='staff', committee='hepingli',
             district=None, pw=PW):
    args = ['user', 'add', login, '--name', name, '--role', role,
            '--password-stdin']
    if role in ('staff', 'director'):
        args += ['--committee', committee]
    if role == 'street':
        args += ['--district', district or 'dongfeng']
    site.juwei(*args, input=pw + '\n', check=True)


def admin_site(ini=None):
    """A site whose database holds one administrator, admin / PW."""
    site = Site(ini_text=ini, init=True)
    add_user(site, 'admin', ADMIN_NAME, role='admin')
    return site


def settle(k, ms=150):
    """Waits until the program has stopped drawing."""
    k.wait_quiet(ms)


def login_screen(k):
    k.wait_for('用户名')
    k.wait_for('10退出')
    settle(k)


def login(site, user='admin', pw=PW, **kw):
    """A kiosk on `site`, logged in, on the home screen."""
    k = site.kiosk(**kw)
    login_screen(k)
    k.send(user, 'Tab', pw, 'Enter')
    k.wait_for(HOME)
    settle(k)
    return k


def status_line(k):
    """The message line above the function-key bar."""
    return k.row(k.rows - 2).strip()


def bar(k):
    return k.row(k.rows - 1)


def _menu_now(k):
    top = k.find(HOME)
    if top is None:
        return []
    out = []
    for r in range(top[0] + 1, k.rows - 2):
        m = re.match(r'^ {3}(\S)  (.+)$', k.row(r))
        if m is None:
            break
        out.append((r, m.group(1), m.group(2)))
    return out


def menu(k):
    """The main menu as drawn: [(row, hot key, label)]. Other screens add
    items, so tests find an item by its label, never by its number."""
    k.wait_until(lambda: _menu_now(k), what='the main menu drawn')
    settle(k)
    return _menu_now(k)


def menu_key(k, label):
    """The hot key of the main-menu item `label`."""
    for _, key, text in menu(k):
        if text == label:
            return key
    raise AssertionError('no menu item %r in %r' % (label, menu(k)))


def menu_row(k, label):
    for row, _, text in menu(k):
        if text == label:
            return row
    raise AssertionError('no menu item %r in %r' % (label, menu(k)))


def open_accounts(k):
    k.send(menu_key(k, '账号管理'))
    k.wait_for('账号管理')
    k.wait_for(re.compile(r'共 \d+ 条'))
    settle(k)


def audit(site, action=None):
    """Audit rows (actor_login, action, tbl, after), oldest first."""
    if action is None:
        return site.sql('select actor_login, action, tbl, after from audit '
                        'order by id')
    return site.sql('select actor_login, action, tbl, after from audit '
                    'where action = ? order by id', action)
