"""test_lock.py — the idle lock (unlock with the password; who may log a
locked session out), changing my password, and bracketed paste."""
from harness import run
from kiosk_helpers import (ADMIN_NAME, HOME, LOGIN_TITLE, PW, add_user,
                           admin_site, audit, bar, login, login_screen,
                           menu_key, open_accounts, settle, status_line)

IDLE = {'JUWEI_IDLE_LOCK_SECONDS': '2'}
LOCKED = '已锁屏 — '


def test_idle_lock_hides_the_screen_and_unlocks_with_the_password():
    site = admin_site()
    add_user(site, 'li', '李四')
    k = login(site, 'li', env=IDLE)
    k.wait_for(LOCKED + '李四（li）', timeout=10)
    settle(k)
    assert HOME not in k.screen_text()
    assert bar(k).startswith('1帮助') and '2解锁' in bar(k) and \
        bar(k).endswith('10退出登录')
    k.send('wrong-password', 'Enter')
    k.wait_for('密码不对')
    settle(k)
    assert LOCKED in k.screen_text()
    k.send(PW, 'Enter')
    k.wait_for(HOME)
    k.wait_gone(LOCKED)
    actions = [r[1] for r in audit(site) if r[0] == 'li']
    assert actions[-2:] == ['login_failed', 'unlock'], actions


def test_idle_lock_over_a_form_keeps_what_was_typed():
    site = admin_site()
    k = login(site, env={'JUWEI_IDLE_LOCK_SECONDS': '3'})
    open_accounts(k)
    k.send('F5')
    k.wait_for('确认密码')
    k.send('zhao', 'Tab', '赵六')
    k.wait_for(LOCKED + ADMIN_NAME, timeout=10)
    settle(k)
    assert '赵六' not in k.screen_text()
    k.send(PW, 'Enter')
    k.wait_for('赵六')
    settle(k)
    r, c = k.find('赵六')
    assert k.cursor() == (r, c + 4)
    assert k.find('zhao') is not None


def test_another_user_cannot_log_the_session_out_but_an_admin_can():
    site = admin_site()
    add_user(site, 'li', '李四')
    add_user(site, 'wang', '王五')
    k = login(site, 'li', env=IDLE)
    k.wait_for(LOCKED + '李四（li）', timeout=10)
    settle(k)
    k.send('C-c')                     # no way round the lock
    settle(k, 300)
    assert k.alive() and '退出 juwei' not in k.screen_text()
    k.send('F10')
    k.wait_for('让锁定的会话退出登录')
    settle(k)
    k.send('wang', 'Tab', PW, 'Enter')
    k.wait_for('只有当前登录人或管理员才能让它退出登录')
    settle(k)
    assert LOGIN_TITLE not in k.screen_text()
    k.send('C-u', 'admin', 'Tab', PW, 'Enter')
    k.wait_for(LOGIN_TITLE)
    assert [r[:2] for r in audit(site, 'logout')] == [('li', 'logout')]


def test_the_owner_may_log_out_from_the_lock_and_escape_goes_back():
    site = admin_site()
    add_user(site, 'li', '李四')
    k = login(site, 'li', env=IDLE)
    k.wait_for(LOCKED, timeout=10)
    settle(k)
    k.send('F10')
    k.wait_for('让锁定的会话退出登录')
    settle(k)
    k.send('Esc')                     # back to the password
    k.wait_for(LOCKED)
    settle(k)
    k.send('Esc', '0')
    k.wait_for('让锁定的会话退出登录')
    settle(k)
    k.send('li', 'Tab', PW, 'F2')
    k.wait_for(LOGIN_TITLE)


def test_lock_from_the_menu():
    site = admin_site()
    k = login(site)
    k.send(menu_key(k, '锁屏'))
    k.wait_for(LOCKED + ADMIN_NAME)
    settle(k)
    k.send(PW, 'C-s')
    k.wait_for(HOME)


def test_change_my_password():
    site = admin_site()
    add_user(site, 'li', '李四')
    old = site.value('select password_hash from staff where login = ?', 'li')
    k = login(site, 'li')
    k.send(menu_key(k, '修改我的密码'))
    k.wait_for('当前密码')
    settle(k)
    k.send('wrong-old', 'Tab', 'new-secret-1', 'Tab', 'new-secret-1', 'F2')
    k.wait_for('密码不对')
    settle(k)
    assert k.cursor()[0] == k.find('当前密码')[0]
    k.send('C-u', PW, 'Tab', 'C-u', 'new-secret-1', 'Tab', 'C-u',
           'new-secret-2', 'F2')
    k.wait_for('两次输入的密码不一样')
    settle(k)
    k.send('C-u', 'li', 'BTab', 'C-u', 'li', 'F2')
    k.wait_for('密码至少要 8 个字符')
    assert site.value('select password_hash from staff where login = ?',
                      'li') == old
    settle(k)
    k.send('Tab', 'C-u', 'new-secret-1', 'BTab', 'C-u', 'new-secret-1', 'F2')
    k.wait_for('密码已修改。')
    # Said over the form, not a blank screen.
    assert k.find('修改我的密码') == (0, 1)
    settle(k)
    k.send('Enter')
    k.wait_for(HOME)
    new = site.value('select password_hash from staff where login = ?', 'li')
    assert new != old and new.startswith('$y$')
    k.send('F10')
    k.wait_for('现在退出登录吗？')
    settle(k)
    k.send('Enter')
    login_screen(k)
    k.send('li', 'Tab', PW, 'Enter')
    k.wait_for('用户名或密码不对')
    settle(k)
    k.send('new-secret-1', 'Enter')
    k.wait_for(HOME)


PASTE_BEGIN, PASTE_END = '\x1b[200~', '\x1b[201~'


def test_paste_goes_into_the_field_filtered_and_fitted():
    site = admin_site()
    k = login(site)
    assert b'\x1b[?2004h' in k.raw()
    open_accounts(k)
    k.send('F5')
    k.wait_for('确认密码')
    settle(k)
    # Escapes, a bell, a tab and a newline in the paste never reach the
    # field; the characters around them do, in one go.
    k.type(PASTE_BEGIN + 'zhao\x1b[31m\x07liu\t\r\n' + PASTE_END)
    k.wait_for('zhaoliu')
    settle(k)
    r = k.find('zhaoliu')[0]
    assert k.row(r).split()[-1] == 'zhaoliu'
    assert k.cursor() == (r, 14 + 7)
    assert status_line(k) == '2–32 个小写字母、数字或 . _ -；以后不能改'
    # A paste longer than the field allows is cut at its maximum (40).
    k.send('Tab')
    k.type(PASTE_BEGIN + '赵' * 50 + PASTE_END)
    k.wait_for('赵' * 15)     # the last ones: the field scrolled
    settle(k)
    k.send('Tab', 'Tab')
    k.type(PASTE_BEGIN + '和平' + PASTE_END)       # on a pick field: filters
    k.wait_for('查找：和平')
    settle(k)
    k.send('Enter', 'Tab', PW, 'Tab', PW, 'F2')   # Enter moved on to 街道
    k.wait_for('已保存。')
    assert site.sql('select name, committee_id from staff where login = ?',
                    'zhaoliu') == [('赵' * 40, 'hepingli')]


def test_paste_on_a_menu_is_not_typed_as_keys():
    site = admin_site()
    k = login(site)
    key = menu_key(k, '修改我的密码')
    k.type(PASTE_BEGIN + key + PASTE_END)
    settle(k, 300)
    assert '当前密码' not in k.screen_text()
    k.send(key)
    k.wait_for('当前密码')


run(globals())
