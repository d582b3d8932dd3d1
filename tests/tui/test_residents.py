"""test_residents.py — the resident register in the kiosk and the import
from the command line: adding a resident in Chinese and finding them by
pinyin initials, masked numbers in the list and full ones on the
resident's own screen, the duplicate question, bad input kept in the form,
committee scoping, moving away, drafts, and imports all or nothing."""
import os
import re

from harness import REPO_INI, TOP, Site, ini_set, run, back_home

CSV = os.path.join(TOP, 'tests', 'data', 'csv')
GOOD = os.path.join(CSV, 'residents_good.csv')
BAD = os.path.join(CSV, 'residents_bad.csv')
# The home menu's item and its hot key, wherever other items put it.
GROUP = re.compile(r'(\S)  (Residents and visits|居民与走访)$', re.M)
HOME = re.compile(r'(\S)  (Residents|居民)$', re.M)
VISITS = re.compile(r'(\S)  (Visits|走访)$', re.M)


def menu(k, item):
    """Chooses Residents (HOME) or Visits (VISITS) through their group of
    the main menu, by hot keys."""
    k.send(k.wait_for(GROUP).group(1))
    k.send(k.wait_for(item).group(1))


def make_site(language=None):
    """A site with li (staff) and liu (director) of 和平里 and chen (staff)
    of 光明; `language` = 'en' for English labels, None for the default
    (Chinese under LANG=C.UTF-8)."""
    with open(REPO_INI, encoding='utf-8') as f:
        text = f.read()
    if language:
        text = ini_set(text, 'site', 'language', language)
    site = Site(ini_text=text, init=True)
    for login, name, role, committee in (
            ('li', '李明', 'staff', 'hepingli'),
            ('liu', '刘芳', 'director', 'hepingli'),
            ('chen', '陈刚', 'staff', 'guangming')):
        site.juwei('user', 'add', login, '--name', name, '--role', role,
                   '--committee', committee, '--password-stdin',
                   input='secret-pass\n', check=True)
    return site


def login(site, user='li', **kw):
    k = site.kiosk(**kw)
    k.wait_for('居委')                  # the log-in screen's title
    k.wait_quiet()
    k.send(user, 'Tab', 'secret-pass', 'Enter')
    k.wait_for(GROUP)
    k.wait_quiet()
    return k


def residents_list(k):
    menu(k, HOME)
    k.wait_for(re.compile(r'ID number|身份证号'))   # the list's header
    k.wait_quiet()


def new_resident(k, title='New resident'):
    """From the main menu to an empty new-resident form."""
    residents_list(k)
    k.send('F5')
    k.wait_for(title)
    k.wait_quiet()


def import_good(site):
    p = site.juwei('import', 'residents', GOOD, check=True)
    assert '4 residents imported' in p.stdout, p.stdout


def test_add_a_resident_in_chinese_and_find_by_pinyin_initials():
    site = make_site()
    import_good(site)
    k = login(site)
    residents_list(k)
    k.wait_for('李秀英')
    k.send('F5')
    k.wait_for('登记居民')
    k.wait_quiet()
    k.send('马丽娟', 'Tab')
    k.send('女')                        # opens the pick-list filtered
    k.wait_for('1/2')
    k.send('Enter')
    k.wait_quiet()
    k.send('1962', 'Tab', '7号楼', 'Tab', '1', 'Tab', '302', 'Tab',
           '139 0000 2222', 'Tab', 'Tab')
    # the tags: typing opens the pick-many list filtered; Space ticks
    k.send('独居')
    k.wait_for('[ ] 独居老人')
    k.wait_for('已选 0 · 1/10')
    k.send('Space')
    k.wait_for('[x] 独居老人')
    k.send('C-u', '残疾')
    k.wait_for('已选 1 · 1/10')
    k.send('Space')
    k.wait_for('已选 2 · 1/10')
    k.send('Enter')
    k.wait_for('独居老人、残疾人')            # shown in the field by name
    k.wait_gone('已选')
    k.send('行动不便，每周探望')               # the cursor went on to the notes
    k.wait_for('行动不便，每周探望')
    k.send('F2')
    k.wait_for('马丽娟')
    k.wait_gone('登记居民')
    assert site.sql('select name, name_initials, gender, birth_year,'
                    ' address, phone, notes from residents where name = ?',
                    '马丽娟') == [('马丽娟', 'mlj', 'F', 1962, '7号楼-1-302',
                                  '13900002222', '行动不便，每周探望')]
    assert site.sql("select tag from resident_tags t join residents r on"
                    " r.id = t.resident_id where r.name = '马丽娟'"
                    " order by tag") == [('disabled',), ('elderly_alone',)]
    assert site.value("select actor_login from audit where tbl = 'residents'"
                      " order by id desc limit 1") == 'li'
    # find by the pinyin initials: only she is left
    k.send('F3')
    k.wait_for('查找居民')
    k.wait_quiet()
    k.send('mlj', 'F2')
    k.wait_for('查找：mlj')
    k.wait_gone('李秀英')
    k.wait_for('马丽娟')
    # masked in the list, in full on her own screen
    k.wait_for('139****2222')
    k.wait_quiet()
    assert k.find('13900002222') is None
    k.send('Enter')
    k.wait_for('居民：马丽娟')
    k.wait_for('13900002222')
    k.wait_for('独居老人、残疾人')
    k.wait_for('从未走访')


def test_find_by_name_part_address_and_phone():
    site = make_site('en')
    import_good(site)
    k = login(site)
    residents_list(k)
    for find, shown, gone in (('三丰', '张三丰', '李秀英'),
                              ('3-2-102', '李秀英', '张三丰'),
                              ('1111', '王小明', '张三丰')):
        k.send('F3')
        k.wait_for('Find residents')
        k.wait_quiet()
        k.send('C-u', find, 'F2')
        k.wait_for('Find: ' + find)
        k.wait_gone(gone)
        k.wait_for(shown)
    # the ID number is masked in the list too
    k.send('F3')
    k.wait_for('Find residents')
    k.wait_quiet()
    k.send('C-u', 'F2')
    k.wait_for('1101**********0026')
    k.wait_quiet()
    assert k.find('110101195203070026') is None


def test_duplicate_asks_first():
    site = make_site('en')
    import_good(site)
    k = login(site)
    new_resident(k)
    k.send('张三丰', 'Tab', 'Tab', 'Tab', '3', 'Tab', '2', 'Tab', '101', 'F2')
    k.wait_for('Already registered?')
    k.wait_for('张三丰 at this address is already registered')
    k.send('n')
    k.wait_for('Name: already registered')
    k.wait_for('New resident')          # back in the form, nothing added
    assert site.value("select count(*) from residents"
                      " where name = '张三丰'") == 1
    k.send('F2')
    k.wait_for('Already registered?')
    k.send('y')
    k.wait_gone('New resident')
    k.wait_for('Residents')
    assert site.value("select count(*) from residents"
                      " where name = '张三丰' and room = '101'") == 2


def test_bad_input_stays_in_the_form():
    site = make_site('en')
    k = login(site)
    new_resident(k)
    # 8 Tabs from the name: gender, year, building, unit, room, phone, ID
    k.send('赵六', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab',
           '110101195203070027', 'F2')
    k.wait_for("the ID number's check digit does not match")
    # a tag that is not in the list cannot be chosen: the filter finds none
    k.send('C-u', '110101195203070026', 'Tab', '贵宾')
    k.wait_for('0 ticked · 0/10')
    k.send('Enter')
    k.wait_gone('0 ticked')
    k.send('F2')
    k.wait_gone('New resident')
    k.wait_for('赵六')
    assert site.sql("select name, birth_year, id_number from residents") == [
        ('赵六', 1952, '110101195203070026')]
    # only the saved resident was written
    assert site.value("select count(*) from audit where tbl = 'residents'") == 1


def pick_tags_dialog(k):
    """The rows of the pick-many dialog now on screen: {name: ticked}."""
    rows = {}
    for line in k.screen_text().splitlines():
        m = re.search(r'\[([ x])\] (\S+)', line)
        if m:
            rows[m.group(2)] = m.group(1) == 'x'
    return rows


def test_tags_are_picked_from_the_list_and_ticked_again_on_edit():
    site = make_site()
    k = login(site)
    new_resident(k, '登记居民')
    # 8 Tabs from the name to the tags
    k.send('钱多多', *['Tab'] * 8)
    k.wait_for('按回车打开标签列表')         # the tags field's help
    k.send('Enter')
    k.wait_for('已选 0 · 10/10')
    # 低保户 is first: tick it, and 失业人员 two rows down
    k.send('Space')
    k.wait_for('[x] 低保户')
    k.send('Down', 'Down', 'Space')
    k.wait_for('[x] 失业人员')
    k.wait_for('已选 2 · 10/10')
    k.send('Enter')
    k.wait_for('低保户、失业人员')
    k.send('F2')
    k.wait_gone('登记居民')
    k.wait_for('钱多多')
    rid = site.value("select id from residents where name = '钱多多'")
    assert site.sql('select tag from resident_tags where resident_id = ?'
                    ' order by tag', rid) == [('dibao',), ('unemployed',)]
    # editing: the two are ticked when the list opens
    k.send('F4')
    k.wait_for('修改居民信息')
    k.wait_for('低保户、失业人员')
    k.wait_quiet()
    k.send(*['Tab'] * 8, 'Enter')
    k.wait_for('已选 2 · 10/10')
    k.wait_quiet()
    ticked = pick_tags_dialog(k)
    assert len(ticked) == 10, ticked
    assert sorted(t for t, x in ticked.items() if x) == ['低保户', '失业人员']
    # 低保户 off, 志愿者 (the last) on
    k.send('Space', 'End', 'Space')
    k.wait_for('[x] 志愿者')
    k.wait_for('[ ] 低保户')
    k.send('Enter')
    k.wait_for('失业人员、志愿者')
    k.send('F2')
    k.wait_gone('修改居民信息')
    assert site.sql('select tag from resident_tags where resident_id = ?'
                    ' order by tag', rid) == [('unemployed',), ('volunteer',)]
    # Esc leaves the ticks as they were
    k.send('F4')
    k.wait_for('修改居民信息')
    k.wait_quiet()
    k.send(*['Tab'] * 8, 'Space')
    k.wait_for('已选 2 · 10/10')
    k.send('Home', 'Space')
    k.wait_for('已选 3 · 10/10')
    k.send('Esc')
    k.wait_gone('已选')
    k.wait_for('失业人员、志愿者')
    k.send('F2')
    k.wait_gone('修改居民信息')
    assert site.sql('select tag from resident_tags where resident_id = ?'
                    ' order by tag', rid) == [('unemployed',), ('volunteer',)]


def test_another_committee_is_not_listed():
    site = make_site('en')
    import_good(site)                   # 赵大妈 lives in 光明
    k = login(site)
    residents_list(k)
    k.wait_for('张三丰')
    k.wait_quiet()
    assert k.find('赵大妈') is None
    k.send('F3')
    k.wait_for('Find residents')
    k.wait_quiet()
    k.send('赵大妈', 'F2')
    k.wait_for('Find: 赵大妈')
    k.wait_for('Nothing to show.')
    k.send('F10')
    k.wait_for(HOME)
    back_home(k)
    k.send('F10')
    k.wait_for('Log out now?')
    k.send('y')
    k.wait_for('居委')
    k.wait_quiet()
    k.send('chen', 'Tab', 'secret-pass', 'Enter')
    k.wait_for(GROUP)
    k.wait_quiet()
    residents_list(k)
    k.wait_for('赵大妈')
    k.wait_quiet()
    assert k.find('张三丰') is None


def test_edit_and_move_away():
    site = make_site('en')
    import_good(site)
    k = login(site)
    residents_list(k)
    k.wait_for('王小明')
    k.send('F3')
    k.wait_for('Find residents')
    k.wait_quiet()
    k.send('wxm', 'F2')
    k.wait_for('Find: wxm')
    k.wait_gone('张三丰')
    k.send('F4')
    k.wait_for('Edit resident')
    k.wait_for('13900001111')
    k.wait_quiet()
    for _ in range(6):                  # to the phone
        k.send('Tab')
    k.send('C-u', '13900003333', 'F2')
    k.wait_for('139****3333')
    assert site.value("select phone from residents where name = '王小明'") == \
        '13900003333'
    k.send('F8')
    k.wait_for('moved away?')
    k.send('y')
    k.wait_for('Nothing to show.')
    assert site.value("select active from residents where name = '王小明'") == 0
    k.send('F6')                        # show those who moved away too
    k.wait_for('moved away shown')
    k.wait_for('王小明')


def test_form_kept_when_the_link_drops():
    site = make_site('en')
    k = login(site)
    new_resident(k)
    k.send('孙未完', 'Tab', 'Tab', '1970', *['Tab'] * 6, '低保')
    k.wait_for('[ ] 低保户')
    k.send('Space', 'Enter')
    k.wait_for('低保户')
    k.wait_gone('ticked')
    k.close_pty()
    k.expect_exit()
    assert site.sql("select form, json_extract(vals, '$.tags') from drafts"
                    ) == [('resident', 'dibao')]
    k = site.kiosk()
    k.wait_for('居委')
    k.wait_quiet()
    k.send('li', 'Tab', 'secret-pass', 'Enter')
    k.wait_for('Open it again?')
    k.send('y')
    k.wait_for('New resident')
    k.wait_for('孙未完')
    k.wait_for('1970')
    k.wait_for('低保户')
    k.send('F2')
    k.wait_gone('New resident')
    assert site.sql("select name, birth_year from residents") == [
        ('孙未完', 1970)]
    assert site.sql("select tag from resident_tags") == [('dibao',)]


def test_a_draft_with_typed_tag_names_opens_with_them_ticked():
    """A draft kept while tags were typed as text holds their names."""
    site = make_site('en')
    k = login(site)
    new_resident(k)
    k.send('周旧稿')
    k.wait_for('周旧稿')
    k.close_pty()
    k.expect_exit()
    site.sql("update drafts set vals = json_set(vals, '$.tags',"
             " '独居老人、低保户')")
    k = site.kiosk()
    k.wait_for('居委')
    k.wait_quiet()
    k.send('li', 'Tab', 'secret-pass', 'Enter')
    k.wait_for('Open it again?')
    k.send('y')
    k.wait_for('New resident')
    k.wait_for('低保户, 独居老人')           # by name, in the list's order
    k.wait_quiet()
    k.send(*['Tab'] * 8, 'Enter')
    k.wait_for('2 ticked · 10/10')
    k.wait_quiet()
    ticked = pick_tags_dialog(k)
    assert sorted(t for t, x in ticked.items() if x) == ['低保户', '独居老人']
    k.send('Enter', 'F2')
    k.wait_gone('New resident')
    assert site.sql("select tag from resident_tags order by tag") == [
        ('dibao',), ('elderly_alone',)]


def test_resumed_edit_warns_of_a_change_meanwhile():
    site = make_site('en')
    import_good(site)
    k = login(site)
    residents_list(k)
    k.wait_for('张三丰')
    k.send('F3')
    k.wait_for('Find residents')
    k.wait_quiet()
    k.send('zsf', 'F2')
    k.wait_gone('李秀英')
    k.send('F4')
    k.wait_for('Edit resident')
    k.wait_quiet()
    for _ in range(6):                  # to the phone
        k.send('Tab')
    k.send('C-u', '13800009999')
    k.wait_for('13800009999')
    k.close_pty()
    k.expect_exit()
    assert site.sql("select form, record_id from drafts") == [
        ('resident', site.value("select id from residents"
                                " where name = '张三丰'"))]
    # a colleague changes the record before the draft is taken up again
    site.sql("update residents set notes = '同事改的', version = version + 1,"
             " updated_at = updated_at + 100000 where name = '张三丰'")
    k = site.kiosk()
    k.wait_for('居委')
    k.wait_quiet()
    k.send('li', 'Tab', 'secret-pass', 'Enter')
    k.wait_for('Open it again?')
    k.send('y')
    k.wait_for('Changed meanwhile')
    k.send('Enter')
    k.wait_for('Edit resident')
    k.wait_for('13800009999')
    k.send('F2')
    k.wait_gone('Edit resident')
    assert site.value("select phone from residents where name = '张三丰'") == \
        '13800009999'


def test_import_with_a_bad_row_imports_nothing():
    site = make_site('en')
    p = site.juwei('import', 'residents', BAD)
    assert p.returncode == 1
    assert p.stderr == (
        '%s:3: unknown committee "xingfu"\n'
        '%s:4: Name is required\n'
        '%s:5: the birth year is a year such as 1956\n'
        '%s:6: 3 columns, but the header has 6\n'
        '%s:8: unknown tag "五保户"\n'
        '%s:9: an ID number is 18 characters, 17 digits and a digit or X '
        '(or an old one of 15 digits)\n'
        '%s:10: a quote inside a field without quotes; put the whole field '
        'in quotes and double the quote ("")\n'
        'juwei: nothing was imported from %s\n') % ((BAD,) * 8)
    assert site.value('select count(*) from residents') == 0
    assert site.value('select count(*) from resident_tags') == 0
    assert site.value("select count(*) from audit where tbl like 'resident%'") == 0
    # nothing in the kiosk either
    k = login(site)
    residents_list(k)
    k.wait_for('Nothing to show.')


def test_import_command_line():
    site = make_site('en')
    p = site.juwei('import', 'residents')
    assert p.returncode == 2
    assert 'usage: juwei import residents FILE.csv' in p.stderr
    p = site.juwei('import', 'residents', GOOD, '--committee', 'nowhere')
    assert p.returncode == 1
    assert p.stderr.startswith('unknown committee "nowhere"\n')
    import_good(site)
    # the same file again: every row is a duplicate, nothing added
    p = site.juwei('import', 'residents', GOOD)
    assert p.returncode == 1
    assert '%s:2: 张三丰 at this address is already registered' % GOOD in p.stderr
    assert site.value('select count(*) from residents') == 4
    p = site.juwei('import', 'residents', GOOD, '--force', check=True)
    assert site.value('select count(*) from residents') == 8


run(globals())
