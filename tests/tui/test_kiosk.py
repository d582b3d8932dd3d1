"""test_kiosk.py — the shell as a committee worker meets it: first start,
login, lockout, the home menu, the keys every screen shares, help,
resizing, the language, monochrome terminals."""
import re
import signal
import time

from harness import Site, ini_set, run
from kiosk_helpers import (ADMIN_NAME, HOME, LOGIN_TITLE, PW, WRONG, add_user,
                           admin_site, audit, bar, login, login_screen, menu,
                           menu_key, menu_row, settle, status_line)

PASSWORD_ITEM = '修改我的密码'
LOCK_ITEM = '锁屏'
LOGOUT_ITEM = '退出登录'


def open_password(k):
    k.send(menu_key(k, PASSWORD_ITEM))
    k.wait_for('当前密码')


# ---------------------------------------------------------------- first start

def test_first_start_creates_the_admin():
    site = Site(init=True)
    k = site.kiosk()
    k.wait_for('首次使用：创建管理员')
    settle(k)
    k.send('boss', 'Tab', '王小明', 'Tab', PW, 'Tab', PW, 'F2')
    k.wait_for('管理员“boss”已创建')
    # The message shows over the setup form, not over an empty screen.
    assert k.find('首次使用：创建管理员') == (0, 1)
    assert k.find('王小明') is not None
    rows = site.sql('select login, name, role, active, password_hash '
                    'from staff')
    assert len(rows) == 1
    login_, name, role, active, hash_ = rows[0]
    assert (login_, name, role, active) == ('boss', '王小明', 'admin', 1)
    assert hash_.startswith('$y$') and PW not in hash_
    k.send('Enter')
    k.wait_for(LOGIN_TITLE)
    login_screen(k)
    k.send('boss', 'Tab', PW, 'Enter')
    k.wait_for('王小明 (boss) · 管理员')


def test_setup_refuses_differing_and_short_passwords():
    site = Site(init=True)
    k = site.kiosk()
    k.wait_for('首次使用：创建管理员')
    settle(k)
    k.send('boss', 'Tab', '王小明', 'Tab', PW, 'Tab', PW + 'x', 'F2')
    k.wait_for('两次输入的密码不一样')
    assert site.value('select count(*) from staff') == 0
    # The cursor is on the field at fault.
    r, c = k.find('确认密码')
    assert k.cursor()[0] == r
    k.send('BTab', 'C-u', 'short', 'Tab', 'C-u', 'short', 'C-s')
    k.wait_for('密码至少要 8 个字符')
    assert site.value('select count(*) from staff') == 0
    # F10 quits (the form asks first: something was typed).
    k.send('F10')
    k.wait_for('改动还没有保存')
    k.send('y')
    assert k.expect_exit() == 0
    assert site.value('select count(*) from staff') == 0


# ---------------------------------------------------------------- login

def test_login_shows_who_and_the_menu():
    site = admin_site()
    k = login(site)
    today = time.strftime('%Y-%m-%d')
    assert k.find('%s (admin) · 管理员' % ADMIN_NAME) is not None
    assert k.row(0).endswith('%s · 管理员 · %s' % (ADMIN_NAME, today))
    # Numbered from 1 (0 for a tenth); an administrator has the accounts,
    # and the shell's own items come last in this order.
    items = menu(k)
    assert [key for _, key, _ in items] == \
        ['1234567890'[i] for i in range(len(items))]
    labels = [label for _, _, label in items]
    assert '账号管理' in labels
    assert labels[-3:] == [PASSWORD_ITEM, LOCK_ITEM, LOGOUT_ITEM]
    assert '今日待办' in k.screen_text()
    assert bar(k).startswith('1帮助')
    assert bar(k).endswith('10退出登录')
    assert [r[:2] for r in audit(site, 'login')] == [('admin', 'login')]


def test_staff_do_not_see_accounts():
    site = admin_site()
    add_user(site, 'li', '李四')
    k = login(site, 'li')
    assert k.find('李四 (li) · 工作人员 · 和平里社区居委会') is not None
    assert '账号管理' not in k.screen_text()
    assert [label for _, _, label in menu(k)][-3:] == \
        [PASSWORD_ITEM, LOCK_ITEM, LOGOUT_ITEM]


def wrong_message(k):
    k.wait_for(WRONG)
    settle(k)
    return status_line(k)


def test_wrong_password_does_not_say_whether_the_login_exists():
    site = admin_site()
    k = site.kiosk()
    login_screen(k)
    k.send('admin', 'Tab', 'not-the-password', 'Enter')
    known = wrong_message(k)
    # The password field is emptied and has the cursor; the login stays.
    r, c = k.find('密码 *')
    assert k.cursor()[0] == r
    assert '*' not in k.row(r)[len('  密码 *'):]
    assert k.find('admin') is not None
    k.send('BTab', 'C-u', 'nobody', 'Tab', 'not-the-password', 'Enter')
    k.wait_for('nobody')
    k.wait_until(lambda: status_line(k) == known, what='the same message')
    assert 'admin' not in known and 'nobody' not in known
    assert known == '密码: 用户名或密码不对（连续输错 5 次，账号要等 5 分钟才能再登录）'
    rows = audit(site, 'login_failed')
    assert [(r[0], r[3]) for r in rows] == [
        ('admin', '{"reason":"wrong password","failures":1}'),
        (None, '{"reason":"unknown login"}'),
    ]
    assert site.value('select failed_logins from staff where login = ?',
                      'admin') == 1


def test_five_failures_lock_the_account():
    site = admin_site()
    add_user(site, 'li', '李四')
    k = site.kiosk()
    login_screen(k)
    k.send('li', 'Tab')
    for i in range(5):
        k.send('wrong-%d' % i, 'Enter')
        k.wait_until(lambda: len(audit(site, 'login_failed')) +
                     len(audit(site, 'lockout')) == i + 1,
                     what='failure %d audited' % (i + 1))
        settle(k)
        assert WRONG in status_line(k)
    assert [r[3].split(',"locked_until"')[0] for r in audit(site, 'lockout')] \
        == ['{"reason":"wrong password","failures":5']
    assert site.value('select locked_until > strftime("%s", "now") from staff '
                      'where login = ?', 'li') == 1
    # Now even the right password fails, with the same message.
    k.send(PW, 'Enter')
    k.wait_until(lambda: len(audit(site, 'login_failed')) == 5,
                 what='the sixth attempt audited')
    settle(k)
    assert WRONG in status_line(k)
    assert HOME not in k.screen_text()
    assert audit(site, 'login_failed')[-1][3] == '{"reason":"locked"}'
    assert audit(site, 'login') == []
    # Another account is not affected.
    k.send('BTab', 'C-u', 'admin', 'Tab', PW, 'Enter')
    k.wait_for(HOME)


def test_disabled_account_cannot_log_in():
    site = admin_site()
    add_user(site, 'li', '李四')
    site.juwei('user', 'disable', 'li', check=True)
    k = site.kiosk()
    login_screen(k)
    k.send('li', 'Tab', PW, 'Enter')
    assert wrong_message(k) == \
        '密码: 用户名或密码不对（连续输错 5 次，账号要等 5 分钟才能再登录）'
    assert HOME not in k.screen_text()
    assert audit(site, 'login_failed')[-1][:2] == ('li', 'login_failed')
    assert audit(site, 'login_failed')[-1][3] == '{"reason":"disabled"}'
    assert audit(site, 'login') == []


# ---------------------------------------------------------------- menu and keys

def selected_rows(k, attr):
    """Rows of the main menu drawn highlighted (attr: a Char predicate)."""
    return [r for r, _, _ in menu(k) if attr(k.cell(r, 3))]


def test_menu_by_number_and_by_arrows():
    site = admin_site()
    k = login(site)
    cyan = lambda ch: ch.bg == 'cyan'
    rows = [r for r, _, _ in menu(k)]
    assert selected_rows(k, cyan) == [rows[0]]
    # By number.
    open_password(k)
    settle(k)
    k.send('Esc')
    k.wait_for(HOME)
    settle(k)
    # Back on the menu, the item chosen is still selected.
    pw_row = menu_row(k, PASSWORD_ITEM)
    assert selected_rows(k, cyan) == [pw_row]
    # By arrows: Down selects the next item, End the last, Home the first;
    # Up at the top stays there.
    k.send('Down')
    k.wait_until(lambda: selected_rows(k, cyan) == [pw_row + 1], what='next')
    assert pw_row + 1 == menu_row(k, LOCK_ITEM)
    k.send('End')
    k.wait_until(lambda: selected_rows(k, cyan) == [rows[-1]], what='last')
    k.send('Home', 'Up')
    k.wait_until(lambda: selected_rows(k, cyan) == [rows[0]], what='first')
    # Down to the password item, Enter.
    for _ in range(pw_row - rows[0]):
        k.send('Down')
    k.wait_until(lambda: selected_rows(k, cyan) == [pw_row], what='password')
    k.send('Enter')
    k.wait_for('当前密码')
    assert k.row(0).startswith(' 修改我的密码')


def test_function_keys_and_their_esc_digit_twins():
    site = admin_site()
    k = login(site)
    for keys in (('F1',), ('Esc', '1')):
        k.send(*keys)
        k.wait_for('帮助：首页')
        settle(k)
        k.send('Esc')
        k.wait_for(HOME)
        settle(k)
    for keys in (('F10',), ('Esc', '0')):
        k.send(*keys)
        k.wait_for('现在退出登录吗？')
        settle(k)
        k.send('n')
        k.wait_gone('现在退出登录吗？')
        settle(k)
    # In the accounts list: Esc 5 = F5 new, Esc 3 = F3 find, Esc 0 back.
    k.send(menu_key(k, '账号管理'))
    k.wait_for('共 1 条')
    settle(k)
    k.send('Esc', '5')
    k.wait_for('新建账号')
    settle(k)
    k.send('Esc', '0')
    k.wait_for('共 1 条')
    settle(k)
    k.send('Esc', '3')
    k.wait_for('查找账号')
    settle(k)
    k.send('Esc')
    k.wait_for('共 1 条')
    settle(k)
    k.send('Esc', '0')
    k.wait_for(HOME)
    # F10 on home, yes: back at the login screen; logout audited.
    settle(k)
    k.send('F10')
    k.wait_for('现在退出登录吗？')
    settle(k)
    k.send('Enter')
    k.wait_for(LOGIN_TITLE)
    assert [r[:2] for r in audit(site, 'logout')] == [('admin', 'logout')]


def test_lone_esc_leaves_a_form_and_asks_when_changed():
    site = admin_site()
    k = login(site)
    k.send(menu_key(k, '账号管理'))
    k.wait_for('共 1 条')
    settle(k)
    k.send('F5')
    k.wait_for('新建账号')
    settle(k)
    k.send('Esc')                   # nothing typed: leaves at once
    k.wait_for('共 1 条')
    settle(k)
    k.send('F5')
    k.wait_for('新建账号')
    settle(k)
    k.send('zhao', 'Esc')
    k.wait_for('改动还没有保存')
    settle(k)
    k.send('n')                     # stay: the typed text is still there
    k.wait_gone('改动还没有保存')
    settle(k)
    assert k.find('zhao') is not None
    k.send('Esc')
    k.wait_for('改动还没有保存')
    settle(k)
    k.send('y')
    k.wait_for('共 1 条')
    assert site.value('select count(*) from staff') == 1


def test_help_on_home_and_in_a_form():
    site = admin_site()
    k = login(site)
    k.send('F1')
    k.wait_for('帮助：首页')
    k.wait_for('按菜单项前的数字选择')
    settle(k)
    text = k.screen_text()
    assert 'F1 / Esc 1' in text and '帮助 — 本屏幕的按键' in text
    assert 'F10 / Esc 0' in text and '退出登录 — 退出登录（先询问）' in text
    assert 'Ctrl-S' in text and '保存，同 F2' in text
    assert bar(k).endswith('10关闭')
    k.send('Esc')
    k.wait_for(HOME)
    settle(k)
    # In a form: the fields' meanings, and the form is back as it was.
    k.send(menu_key(k, '账号管理'))
    k.wait_for('共 1 条')
    settle(k)
    k.send('F5')
    k.wait_for('新建账号')
    settle(k)
    k.send('zhao', 'Esc', '1')
    k.wait_for('帮助：新建账号')
    settle(k)
    text = k.screen_text()
    assert re.search(r'用户名 +2–32 个小写字母、数字或 \. _ -；以后不能改（必填）',
                     text), text
    assert re.search(r'居委会 +工作人员和主任填写', text)
    assert 'F2 / Esc 2' in text and '保存 — 检查并保存' in text
    k.send('F10')
    k.wait_for('新建账号')
    settle(k)
    assert k.find('zhao') is not None
    assert k.cursor() == (k.find('zhao')[0], k.find('zhao')[1] + 4)


def test_ctrl_c_asks_before_quitting():
    site = admin_site()
    k = login(site)
    k.send('C-c')
    k.wait_for('退出 juwei 吗？')
    settle(k)
    k.send('n')
    k.wait_gone('退出 juwei 吗？')
    settle(k)
    assert k.alive() and HOME in k.screen_text()
    k.send('C-c')
    k.wait_for('退出 juwei 吗？')
    settle(k)
    k.send('y')
    assert k.expect_exit() == 0
    assert [r[:2] for r in audit(site, 'logout')] == [('admin', 'logout')]


def test_ctrl_z_does_nothing():
    site = admin_site()
    k = login(site)
    before = k.screen_text()
    k.send('C-z')
    settle(k, 300)
    assert k.alive()
    assert k.screen_text() == before
    open_password(k)                # the kiosk still takes keys


def test_keys_typed_ahead_are_not_lost():
    site = admin_site()
    k = login(site)
    accounts = menu_key(k, '账号管理')     # learnt from a first session
    k.send('F10', 'Enter')
    login_screen(k)
    # Everything at once, before the screens it is meant for are drawn:
    # login, the accounts menu item, F5, a whole new account, Ctrl-S.
    k.send('admin', 'Tab', PW, 'Enter', accounts, 'F5', 'wangwu', 'Tab',
           '王五', 'Tab', 'Tab', '和平', 'Enter', 'Tab', PW, 'Tab', PW, 'C-s')
    k.wait_for('已保存。')
    k.wait_for('共 2 条')
    assert site.sql('select name, role, committee_id from staff where '
                    'login = ?', 'wangwu') == [('王五', 'staff', 'hepingli')]


# ---------------------------------------------------------------- the terminal

def test_resize_to_100x30_and_back():
    site = admin_site()
    k = login(site)
    today = time.strftime('%Y-%m-%d')
    assert k.find(today) == (0, 80 - 1 - 10)
    k.resize(100, 30)
    k.wait_until(lambda: k.find(today) == (0, 100 - 1 - 10), what='title at 100')
    k.wait_until(lambda: bar(k).startswith('1帮助'), what='bar on row 29')
    settle(k)
    assert bar(k).endswith('10退出登录')
    assert menu(k)[-1][2] == LOGOUT_ITEM
    # The selection, title and bar take the full width.
    assert k.cell(0, 99).bg == 'blue'
    assert k.row(23) == ''          # nothing left over from 24 rows
    k.resize(80, 24)
    k.wait_until(lambda: k.find(today) == (0, 80 - 1 - 10), what='title at 80')
    k.wait_until(lambda: bar(k).startswith('1帮助'), what='bar on row 23')
    settle(k)
    assert menu(k)[-1][2] == LOGOUT_ITEM
    open_password(k)                # and it still works


def test_resize_redraws_a_form_with_its_values():
    site = admin_site()
    k = login(site)
    k.send(menu_key(k, '账号管理'))
    k.wait_for('共 1 条')
    settle(k)
    k.send('F5')
    k.wait_for('新建账号')
    settle(k)
    k.send('zhao', 'Tab', '赵六')
    k.wait_for('赵六')
    settle(k)
    k.resize(100, 30)
    k.wait_until(lambda: bar(k).startswith('1帮助'), what='bar at the bottom')
    settle(k)
    r, c = k.find('赵六')
    assert k.cursor() == (r, c + 4)
    assert k.find('zhao') is not None
    k.send('七')
    k.wait_for('赵六七')


def test_too_small_terminal_shows_enlarge_and_recovers():
    site = admin_site()
    k = login(site)
    key = menu_key(k, PASSWORD_ITEM)
    k.resize(70, 20)
    k.wait_for('终端窗口太小')
    k.wait_for('70×20')
    settle(k)
    assert '80×24' in k.screen_text()
    k.send(key)                     # ignored while too small
    settle(k, 300)
    assert '当前密码' not in k.screen_text()
    k.resize(80, 24)
    k.wait_gone('终端窗口太小')
    k.wait_for(HOME)
    settle(k)
    assert bar(k).startswith('1帮助')
    k.send(key)
    k.wait_for('当前密码')


def test_starting_in_a_small_terminal():
    site = admin_site()
    k = site.kiosk(cols=60, rows=20)
    k.wait_for('终端窗口太小')
    # The message wraps within 60 columns.
    assert all(len(k.row(r)) <= 60 for r in range(20))
    k.resize(80, 24)
    login_screen(k)
    k.send('admin', 'Tab', PW, 'Enter')
    k.wait_for(HOME)


def test_language_auto_follows_locale_and_console():
    site = admin_site()
    k = site.kiosk(term='linux')
    k.wait_for('juwei 居委 — log in')
    k.wait_for('Login *')
    settle(k)
    # English: no Chinese, which the Linux console cannot draw, but for
    # the name of the program in the title.
    text = k.screen_text().replace('居委', '')
    assert not any(ch >= '\u2e80' for ch in text), text
    k.send('admin', 'Tab', PW, 'Enter')
    k.wait_for('Main menu')
    k.wait_for(re.compile(r'^ +\d  Accounts$', re.M))
    k2 = site.kiosk(env={'LANG': 'zh_CN.UTF-8'})
    k2.wait_for(LOGIN_TITLE)
    k3 = site.kiosk(env={'LC_ALL': 'en_US.UTF-8'})
    k3.wait_for('juwei 居委 — log in')


def test_language_setting_overrides_auto():
    site = admin_site()
    with open(site.ini, encoding='utf-8') as f:
        text = f.read()
    site.write_ini(ini_set(text, 'site', 'language', 'en'))
    k = site.kiosk()
    k.wait_for('juwei 居委 — log in')
    k.wait_for('10Quit')
    site.write_ini(ini_set(text, 'site', 'language', 'zh'))
    k2 = site.kiosk(term='linux')
    k2.wait_for(LOGIN_TITLE)


def test_monochrome_selection_is_reverse_video():
    site = admin_site()
    for kw in ({'term': 'vt100'}, {'env': {'NO_COLOR': '1'}}):
        k = login(site, **kw)
        rows = [r for r, _, _ in menu(k)]
        reverse = lambda ch: ch.reverse
        assert selected_rows(k, reverse) == [rows[0]], kw
        # No colour anywhere on the screen.
        assert all(k.cell(r, c).fg == 'default' and k.cell(r, c).bg == 'default'
                   for r in range(24) for c in range(80)), kw
        k.send('Down')
        k.wait_until(lambda: selected_rows(k, reverse) == [rows[1]],
                     what='reverse moves down')
        k.send('Esc', '0')
        k.wait_for('现在退出登录吗？')
        settle(k)
        k.send('y')
        k.wait_for(LOGIN_TITLE)
    # An empty NO_COLOR is not set (no-color.org): colours as usual.
    k = login(site, env={'NO_COLOR': ''})
    assert selected_rows(k, lambda ch: ch.bg == 'cyan') == [menu(k)[0][0]]


def test_sigterm_ends_the_kiosk_cleanly():
    site = admin_site()
    k = login(site)
    k.signal(signal.SIGTERM)
    assert k.expect_exit() == 0
    # Bracketed paste was on, and is off again for the shell.
    raw = k.raw()
    assert raw.index(b'\x1b[?2004h') < raw.rindex(b'\x1b[?2004l')
    assert [r[:2] for r in audit(site, 'logout')] == [('admin', 'logout')]


run(globals())
