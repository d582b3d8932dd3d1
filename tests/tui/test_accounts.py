"""test_accounts.py — the accounts screen (the model list + form screen):
a new account with Chinese typed and edited, errors next to fields, F4
new password, F8 disable, F3 find, paging through many accounts, drafts
kept when the terminal goes away, and the bytes a keystroke costs."""
import json
import re
import signal

from harness import run
from kiosk_helpers import (HOME, LOGIN_TITLE, PW, add_user, admin_site,
                           audit, login, login_screen, open_accounts, settle,
                           status_line)

INPUT_X = 14        # the new-account form's inputs: 2 + label column 10 + 2


def new_form(k):
    k.send('F5')
    k.wait_for('新建账号')
    k.wait_for('确认密码')
    settle(k)


def field_row(k, label):
    return k.find('  %s' % label)[0]


def choose(k, label, filter_text):
    """Opens the pick-list of the focused choice field by typing, and
    takes the one entry left."""
    k.send(filter_text)
    k.wait_for('查找：%s' % filter_text)
    k.wait_for(re.compile(r' 1/\d+ '))
    settle(k)
    k.send('Enter')
    k.wait_gone('查找：')
    settle(k)


def test_new_account_with_chinese_typed_and_edited():
    site = admin_site()
    k = login(site)
    open_accounts(k)
    new_form(k)
    k.send('zhangsan', 'Tab')
    name_y = field_row(k, '姓名')
    k.send('张三丰')
    k.wait_for('张三丰')
    k.send('Left', 'Left', 'Backspace')      # deletes 张, a 2-column character
    k.wait_until(lambda: k.cell_text(name_y, INPUT_X, 8).strip() == '三丰',
                 what='三丰')
    assert k.cursor() == (name_y, INPUT_X)
    k.send('小')
    k.wait_until(lambda: k.cell_text(name_y, INPUT_X, 8).strip() == '小三丰',
                 what='小三丰')
    assert k.cursor() == (name_y, INPUT_X + 2)
    k.send('End', 'Backspace', '峰')          # the last character replaced
    k.wait_until(lambda: k.cell_text(name_y, INPUT_X, 8).strip() == '小三峰',
                 what='小三峰')
    assert k.cursor() == (name_y, INPUT_X + 6)
    k.send('Home', 'Right', 'Delete')          # the middle one deleted
    k.wait_until(lambda: k.cell_text(name_y, INPUT_X, 8).strip() == '小峰',
                 what='小峰')
    assert k.cursor() == (name_y, INPUT_X + 2)
    # Role: the pick-list by arrows; committee: by typing to filter.
    k.send('Tab', 'Enter')
    k.wait_for('查找：')
    settle(k)
    k.send('Down', 'Enter')
    k.wait_until(lambda: '主任' in k.row(field_row(k, '角色')), what='主任')
    settle(k)
    choose(k, '居委会', '春晖')
    assert '春晖园社区居委会' in k.row(field_row(k, '居委会'))
    k.send('Tab', PW, 'Tab', PW, 'C-s')
    k.wait_for('已保存。')
    k.wait_for('共 2 条')
    row = site.sql('select name, role, committee_id, district_id, active, '
                   'password_hash from staff where login = ?', 'zhangsan')
    assert row[0][:5] == ('小峰', 'director', 'chunhuiyuan', 'xinhua', 1)
    assert row[0][5].startswith('$y$')
    ins = [r for r in audit(site, 'insert') if r[:3] == ('admin', 'insert',
                                                         'staff')]
    assert len(ins) == 1
    assert '"name":"小峰"' in ins[0][3] and PW not in ins[0][3]
    # The list shows it, in login order.
    r, c = k.find('zhangsan')
    assert k.cell_text(r, 16, 4) == '小峰'
    assert '主任' in k.row(r) and '春晖园社区居委会' in k.row(r)


def test_core_errors_show_next_to_their_field():
    site = admin_site()
    add_user(site, 'li', '李四')
    k = login(site)
    open_accounts(k)
    new_form(k)
    k.send('li', 'Tab', '另一个李四', 'Tab', 'Tab')
    choose(k, '居委会', '和平')
    k.send('Tab', PW, 'Tab', PW, 'F2')
    k.wait_for('用户名“li”已经有人用了')
    settle(k)
    r = field_row(k, '用户名')
    assert '用户名“li”已经有' in k.row(r)       # beside the field …
    assert k.cursor()[0] == r                   # … which has the cursor
    assert status_line(k) == '用户名: 用户名“li”已经有人用了'
    assert site.value('select count(*) from staff') == 2
    # Fixing it clears the message and saves.
    k.send('C-u', 'li2', 'C-s')
    k.wait_for('已保存。')
    assert site.value('select name from staff where login = ?', 'li2') == \
        '另一个李四'


def test_required_fields_are_checked_before_the_core():
    site = admin_site()
    k = login(site)
    open_accounts(k)
    new_form(k)
    # Passing over empty fields is not an error yet …
    k.send('Tab', 'Tab')
    k.wait_until(lambda: k.cursor()[0] == field_row(k, '角色'), what='角色')
    settle(k)
    assert '必填' not in k.screen_text()
    # … saving is: every empty required field is marked, the cursor on
    # the first.
    k.send('F2')
    k.wait_for('必填')
    settle(k)
    assert k.cursor()[0] == field_row(k, '用户名')
    assert '必填' in k.row(field_row(k, '姓名'))
    assert '必填' in k.row(field_row(k, '确认密码'))
    assert site.value('select count(*) from staff') == 1
    # The marks stay on fields passed over, and go when filled.
    k.send('Tab')
    settle(k)
    assert '必填' in k.row(field_row(k, '用户名'))
    k.send('BTab', 'zhao', 'Tab')
    k.wait_until(lambda: '必填' not in k.row(field_row(k, '用户名')),
                 what='the mark gone')
    assert '必填' in k.row(field_row(k, '姓名'))


def test_f4_gives_a_new_password_and_lifts_a_lockout():
    site = admin_site()
    add_user(site, 'li', '李四')
    site.sql('update staff set locked_until = strftime("%s", "now") + 300 '
             'where login = ?', 'li')
    old = site.value('select password_hash from staff where login = ?', 'li')
    k = login(site)
    open_accounts(k)
    assert '已锁定' in k.row(k.find('li ')[0])
    k.send('Down', 'F4')
    k.wait_for('给 li 设新密码')
    settle(k)
    k.send('new-secret-1', 'Tab', 'new-secret-1', 'F2')
    k.wait_for('已保存。')
    k.wait_until(lambda: '正常' in k.row(k.find('li ')[0]), what='li 正常')
    new = site.value('select password_hash from staff where login = ?', 'li')
    assert new != old and new.startswith('$y$')
    assert site.value('select locked_until from staff where login = ?', 'li') == 0
    k2 = login(site, 'li', 'new-secret-1')
    assert k2.find('李四 (li)') is not None


def test_f8_disables_and_enables():
    site = admin_site()
    add_user(site, 'li', '李四')
    k = login(site)
    open_accounts(k)
    k.send('Down', 'F8')
    k.wait_for('停用账号 li 吗？')
    # The question is asked over the list.
    assert k.find('共 2 条') is not None
    settle(k)
    k.send('n')
    k.wait_gone('停用账号 li 吗？')
    assert site.value('select active from staff where login = ?', 'li') == 1
    k.send('F8')
    k.wait_for('停用账号 li 吗？')
    settle(k)
    k.send('y')
    k.wait_for('账号 li 已停用。')
    k.wait_until(lambda: '已停用' in k.row(k.find('li ')[0]), what='已停用')
    assert site.value('select active from staff where login = ?', 'li') == 0
    # The selection stayed on li: F8 again enables it.
    k.send('F8')
    k.wait_for('重新启用账号 li 吗？')
    settle(k)
    k.send('y')
    k.wait_for('账号 li 已启用。')
    assert site.value('select active from staff where login = ?', 'li') == 1
    # The last administrator cannot be disabled: said in a box.
    k.send('Up', 'F8')
    k.wait_for('停用账号 admin 吗？')
    settle(k)
    k.send('y')
    k.wait_for('这是最后一个在用的管理员')
    assert site.value('select active from staff where login = ?', 'admin') == 1


def test_f3_finds_by_login_or_chinese_name():
    site = admin_site()
    add_user(site, 'li', '李四')
    add_user(site, 'zhang', '张三')
    add_user(site, 'zhangli', '张丽')
    k = login(site)
    open_accounts(k)
    k.wait_for('共 4 条')
    k.send('F3')
    k.wait_for('查找账号')
    settle(k)
    k.send('张', 'Enter')
    k.wait_for('查找：张')
    k.wait_for('共 2 条')
    settle(k)
    text = k.screen_text()
    assert 'zhang ' in text and 'zhangli' in text and '李四' not in text
    k.send('F3')
    k.wait_for('查找账号')
    settle(k)
    k.send('C-u', 'li', 'Enter')
    k.wait_for('查找：li')
    k.wait_for('共 2 条')              # li, zhangli
    k.send('F3')
    k.wait_for('查找账号')
    settle(k)
    k.send('C-u', 'Enter')
    k.wait_for('共 4 条')
    k.wait_gone('查找：')


def logins_shown(k):
    out = []
    for r in range(3, k.rows - 2):
        m = re.match(r' (u\d\d) ', k.row(r) + ' ')
        if m:
            out.append(m.group(1))
    return out


def selected_login(k):
    for r in range(3, k.rows - 2):
        if k.cell(r, 1).bg == 'cyan':
            return k.row(r).split()[0]
    return None


def test_paging_through_many_accounts():
    site = admin_site()
    for i in range(1, 46):
        add_user(site, 'u%02d' % i, '用户%02d' % i)
    assert site.value('select count(*) from staff') == 46
    k = login(site)
    open_accounts(k)
    k.wait_for('共 46 条')
    # 19 rows a page at 80x24: admin, u01 … u18.
    k.wait_until(lambda: logins_shown(k) == ['u%02d' % i for i in range(1, 19)],
                 what='page 1')
    assert selected_login(k) == 'admin'
    k.send('Down', 'Down')
    k.wait_until(lambda: selected_login(k) == 'u02', what='u02 selected')
    page2 = ['u%02d' % i for i in range(19, 38)]
    k.send('PgDn')
    k.wait_until(lambda: logins_shown(k) == page2, what='page 2')
    k.wait_until(lambda: selected_login(k) == 'u21', what='u21, a page below')
    # The last page is short (u38 … u45): the last screenful is shown
    # full, with the row a page below u21 selected.
    last = ['u%02d' % i for i in range(27, 46)]
    k.send('PgDn')
    k.wait_until(lambda: logins_shown(k) == last, what='the last screenful')
    k.wait_until(lambda: selected_login(k) == 'u40', what='u40')
    k.send('PgDn')                             # at the end: to the last row
    k.wait_until(lambda: selected_login(k) == 'u45', what='u45 selected')
    k.send('Down')                             # past the end: nothing
    settle(k)
    assert selected_login(k) == 'u45' and logins_shown(k) == last
    k.send('PgUp')
    k.wait_until(lambda: logins_shown(k) == ['u%02d' % i for i in range(8, 27)],
                 what='a page up')
    k.wait_until(lambda: selected_login(k) == 'u26', what='u26')
    k.send('PgUp')                             # short first page: the top
    k.wait_until(lambda: logins_shown(k)[:2] == ['u01', 'u02'], what='top')
    k.wait_until(lambda: selected_login(k) == 'u07', what='u07')
    k.send('Home')
    k.wait_until(lambda: selected_login(k) == 'admin', what='admin')
    k.send('End')
    k.wait_until(lambda: selected_login(k) == 'u45', what='u45 at End')
    k.wait_until(lambda: logins_shown(k) == last, what='the last screenful')
    # Down past the bottom of the page slides it by one row.
    k.send('Home')
    k.wait_until(lambda: selected_login(k) == 'admin', what='admin again')
    for i in range(19):
        k.send('Down')
    k.wait_until(lambda: selected_login(k) == 'u19', what='u19')
    k.wait_until(lambda: logins_shown(k)[0] == 'u01', what='admin slid off')
    assert logins_shown(k) == ['u%02d' % i for i in range(1, 20)]
    # Enter opens the row's form; back, the same row is selected.
    k.send('Enter')
    k.wait_for('给 u19 设新密码')
    settle(k)
    k.send('Esc')
    k.wait_for('共 46 条')
    k.wait_until(lambda: selected_login(k) == 'u19', what='u19 kept')
    assert logins_shown(k)[0] == 'u01'


def measure(k, *keys):
    """Bytes the program writes for `keys`, once it has finished."""
    settle(k, 300)
    before = k.bytes_written()
    k.send(*keys)
    settle(k, 300)
    return k.bytes_written() - before


def test_bytes_for_a_typed_character_and_a_page():
    site = admin_site()
    for i in range(1, 46):
        add_user(site, 'u%02d' % i, '用户%02d' % i)
    # 25 rows: a list of 20 rows a page.
    k = login(site, rows=25)
    open_accounts(k)
    assert len(logins_shown(k)) == 19 and k.find('admin') is not None
    page = measure(k, 'PgDn')
    assert logins_shown(k)[0] == 'u20'
    new_form(k)
    k.send('Tab')
    ascii_ = measure(k, 'a')
    wide = measure(k, '张')
    bs = measure(k, 'Backspace')
    print('bytes written: one ASCII character %d, one Chinese character %d, '
          'a backspace %d in a form field; one PgDn in a 20-row list %d'
          % (ascii_, wide, bs, page))
    # Typing redraws the field, never the screen (a screen is ~2000).
    assert 0 < ascii_ <= 64 and 0 < wide <= 64 and 0 < bs <= 64
    assert page < 2400


def fill_half(k):
    """A new-account form half filled in, Chinese included."""
    open_accounts(k)
    new_form(k)
    k.send('wangwu', 'Tab', '王五（社区）', 'Tab', 'Enter')
    k.wait_for('查找：')
    settle(k)
    k.send('Down', 'Enter')
    k.wait_until(lambda: '主任' in k.row(field_row(k, '角色')), what='主任')
    settle(k)
    choose(k, '居委会', '春晖')
    k.send('Tab', 'half-typed')            # a password: never kept
    k.wait_until(lambda: '**********' in k.row(field_row(k, '密码')),
                 what='the stars')
    settle(k)


def check_offered_back(site):
    k = site.kiosk()
    login_screen(k)
    k.send('admin', 'Tab', PW, 'Enter')
    k.wait_for('未保存的表单')
    k.wait_for('新建账号')
    settle(k)
    # Asked over a screen that says who is logged in, not a blank one.
    assert k.row(0).startswith(' 草稿') and '管理员甲 · 管理员' in k.row(0)
    k.send('Enter')                        # yes, open it again
    k.wait_for('确认密码')
    k.wait_for('王五（社区）')
    settle(k)
    assert k.row(field_row(k, '用户名')).split()[-1] == 'wangwu'
    assert k.cell_text(field_row(k, '姓名'), INPUT_X, 12) == '王五（社区）'
    assert '主任' in k.row(field_row(k, '角色'))
    assert '春晖园社区居委会' in k.row(field_row(k, '居委会'))
    assert '*' not in k.cell_text(field_row(k, '密码'), INPUT_X, 40)
    # Taken off the list once offered; kept again only if dropped again.
    assert site.value('select count(*) from drafts') == 0
    k.send('Tab', 'Tab', 'Tab', 'Tab', 'Tab', PW, 'Tab', PW, 'F2')
    k.wait_for('已保存。')
    k.wait_for('共 2 条')
    assert site.sql('select name, role, committee_id from staff where '
                    'login = ?', 'wangwu') == [('王五（社区）', 'director',
                                                'chunhuiyuan')]


def check_draft(site):
    rows = site.sql('select s.login, d.form, d.vals from drafts d '
                    'join staff s on s.id = d.staff_id')
    assert len(rows) == 1
    who, form, vals = rows[0]
    assert (who, form) == ('admin', 'account')
    vals = json.loads(vals)
    assert vals == {'login': 'wangwu', 'name': '王五（社区）',
                    'role': 'director', 'committee_id': 'chunhuiyuan',
                    'district_id': ''}
    assert 'half-typed' not in json.dumps(vals)


def test_draft_kept_after_sighup_and_offered_back():
    site = admin_site()
    k = login(site)
    fill_half(k)
    k.signal(signal.SIGHUP)
    k.expect_exit()
    check_draft(site)
    assert site.value('select count(*) from staff') == 1
    check_offered_back(site)


def test_draft_kept_when_the_link_drops():
    site = admin_site()
    k = login(site)
    fill_half(k)
    k.close_pty()
    k.expect_exit()
    check_draft(site)
    check_offered_back(site)


def test_draft_can_be_thrown_away():
    site = admin_site()
    k = login(site)
    fill_half(k)
    k.signal(signal.SIGTERM)
    k.expect_exit()
    check_draft(site)
    k = site.kiosk()
    login_screen(k)
    k.send('admin', 'Tab', PW, 'Enter')
    k.wait_for('未保存的表单')
    settle(k)
    k.send('n')
    k.wait_for(HOME)
    assert site.value('select count(*) from drafts') == 0
    # An unchanged form keeps no draft.
    open_accounts(k)
    k.send('F5')
    k.wait_for('确认密码')
    settle(k)
    k.signal(signal.SIGHUP)
    k.expect_exit()
    assert site.value('select count(*) from drafts') == 0


run(globals())
