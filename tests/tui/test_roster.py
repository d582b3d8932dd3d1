"""test_roster.py — the roster and training end to end: a director's
committee with the contract warning on the home screen (Chinese); the
street office edits an entry, its posts and marks someone as left
(English labels); staff see only their own entry; a training session with
its attendees and the coverage line; the attendee list following the
committee the session is held for (Chinese)."""
import datetime
import re

from harness import Site, ini_set, run, REPO_INI, choose, MENU_GROUPS

YEAR = datetime.date.today().year
TODAY = datetime.date.today()
PASSWORD = 'secret-pass'


def add(site, login, name, role, committee=None, district=None):
    args = ['user', 'add', login, '--name', name, '--role', role,
            '--password-stdin']
    if committee:
        args += ['--committee', committee]
    if district:
        args += ['--district', district]
    site.juwei(*args, input=PASSWORD + '\n', check=True)


def people_site(language=None):
    ini = None
    if language is not None:
        with open(REPO_INI, encoding='utf-8') as f:
            ini = ini_set(f.read(), 'site', 'language', language)
    site = Site(ini_text=ini, init=True)
    add(site, 'jd', '街道办小刘', 'street', district='dongfeng')
    add(site, 'zhang', '张主任', 'director', committee='hepingli')
    add(site, 'li', '李明', 'staff', committee='hepingli')
    add(site, 'wang', '王芳', 'staff', committee='hepingli')
    add(site, 'zhao', '赵强', 'director', committee='guangming')
    return site


def login(site, user, menu='花名册'):
    k = site.kiosk()
    k.wait_for('juwei 居委')
    k.send(user, 'Tab', PASSWORD, 'Enter')
    k.wait_for(MENU_GROUPS.get(menu, menu))
    return k


def days(n):
    return (TODAY + datetime.timedelta(days=n)).isoformat()


def test_director_sees_committee_and_contract_warning():
    site = people_site()
    site.sql("update staff set contract_end = ?, employment_type = 'contract',"
             " hire_date = '2019-03-01' where login = 'li'", days(10))
    site.sql("update staff set contract_end = ? where login = 'zhao'", days(5))
    site.sql("update staff set contract_end = ? where login = 'wang'",
             days(90))
    k = login(site, 'zhang')
    k.wait_for('60 天内合同到期：1 人')         # 赵强 is another committee's
    choose(k, '60 天内合同到期：1 人')
    k.wait_for('共 3 条')
    k.wait_for('王芳')
    text = k.screen_text()
    assert '李明' in text and '张主任' in text and '赵强' not in text
    assert '聘用人员' in text and days(10) in text
    assert '%d 年培训：0/3 人已参训' % YEAR in text
    k.send('Down', 'Enter')
    k.wait_for('合同到期：%s（还有 10 天）' % days(10))
    k.wait_for('入职日期：2019-03-01')
    k.send('Enter')
    k.wait_for('共 3 条')
    k.send('F4')                         # not a director's key: nothing
    k.send('F7')
    k.wait_for('和平里社区居委会  0/3  0%  未达标')


def test_street_edits_entry_posts_and_marks_left():
    site = people_site(language='en')
    k = login(site, 'jd', menu='Roster')
    choose(k, 'Roster')
    k.wait_for('4 found')
    k.wait_for('王芳')
    # 光明 (赵强) first, then 和平里: 张主任, 李明, 王芳.
    k.send('Down', 'Down', 'F4')
    k.wait_for('Roster: 李明')
    k.send('Enter')
    k.wait_for('聘用人员')
    k.send('聘用', 'Enter')
    k.send('2019-03-01', 'Tab', days(30), 'Tab', '13800001111', 'F2')
    k.wait_for('4 found')
    k.wait_for(days(30))
    assert site.sql("select employment_type, hire_date, contract_end, phone"
                    " from staff where login = 'li'") == [
        ('contract', '2019-03-01', days(30), '13800001111')]
    assert site.value("select count(*) from audit where tbl = 'staff'"
                      " and action = 'update' and actor_login = 'jd'"
                      " and after like '%13800001111%'") == 1

    # Several posts in one list: find, Space ticks, find again, Enter.
    k.send('F6')
    k.wait_for('Posts of 李明')
    k.send('委员')
    k.wait_for('1/7')
    k.send('Space')
    k.wait_for('[x] 居委会委员')
    k.send('Backspace', 'Backspace', '网格')
    k.wait_for('[ ] 网格员')
    k.send('Space')
    k.wait_for('[x] 网格员')
    k.wait_for('2 ticked')
    k.send('Enter')
    k.wait_for('4 found')
    k.wait_for('居委会委')               # the Posts column, cut to fit
    assert site.sql("select post from staff_posts order by post") == [
        ('grid_worker',), ('member',)]

    k.send('Enter')
    k.wait_for('Posts: 居委会委员, 网格员')
    k.send('Enter')
    k.wait_gone('Posts: 居委会委员')
    # Reopened, the list shows what is held: untick one, tick another.
    k.send('F6')
    k.wait_for('Posts of 李明')
    k.wait_for('2 ticked')
    k.send('网格', 'Space')
    k.wait_for('[ ] 网格员')
    k.send('Backspace', 'Backspace', '主任')
    k.wait_for('[ ] 居委会主任')
    k.send('Space')
    k.wait_for('[x] 居委会主任')
    k.send('Enter')
    k.wait_for('4 found')
    k.wait_for('居委会主…')              # cut to fit, as above
    assert site.sql("select post from staff_posts order by post") == [
        ('director',), ('member',)]
    k.send('F4')
    k.wait_for('Roster: 李明')
    k.send('Down', 'Down', 'Down', 'Down', 'n', 'F2')
    k.wait_for('3 found')
    assert site.value("select active from staff where login = 'li'") == 0
    assert '李明' not in k.screen_text()


def test_staff_see_only_their_own_entry():
    site = people_site()
    k = login(site, 'wang')
    choose(k, '花名册')
    k.wait_for('共 1 条')
    k.wait_for('王芳')
    assert '李明' not in k.screen_text()
    k.send('Enter')
    k.wait_for('姓名：王芳（wang）')


def test_training_session_with_attendees():
    site = people_site()
    k = login(site, 'zhang')
    choose(k, '培训')
    k.wait_for('%d 年培训：0/3 人已参训，覆盖率 0%%' % YEAR)
    k.send('F5')
    k.wait_for('新建培训')
    k.send('Tab', 'Enter')
    k.wait_for('街道级')
    k.send('街道', 'Enter')
    k.send('社区消防安全培训', 'Tab', '区消防大队', 'Tab', '3', 'Tab', 'Tab')
    # Who attended: ticked in the form's own field, several at once.
    k.send('Enter')
    k.wait_for('[ ] 李明')
    k.send('李', 'Space')
    k.wait_for('[x] 李明')
    k.send('Backspace', '王', 'Space')
    k.wait_for('[x] 王芳')
    k.wait_for('已选 2 ·')
    k.send('Enter')
    k.wait_for('李明、王芳')
    k.send('F2')
    k.wait_for('社区消防安全培训')
    k.wait_for('%d 年培训：2/3 人已参训，覆盖率 66%%' % YEAR)
    assert site.sql("select level, title, organiser, hours, committee_id,"
                    " district_id from training") == [
        ('street', '社区消防安全培训', '区消防大队', 3.0, 'hepingli',
         'dongfeng')]
    assert site.sql("select s.login from training_attendees a join staff s"
                    " on s.id = a.staff_id order by s.login") == [
        ('li',), ('wang',)]

    # Opened again: the two are ticked; 王芳 unticked, 张主任 ticked.
    k.send('Enter')
    k.wait_for('培训记录')
    k.wait_for('李明、王芳')
    k.send('Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Enter')
    k.wait_for('已选 2 ·')
    k.send('王', 'Space', 'Backspace', '张', 'Space')
    k.wait_for('[x] 张主任')
    k.send('Enter')
    k.wait_for('张主任、李明')
    k.send('F2')
    k.wait_for('%d 年培训：2/3 人已参训' % YEAR)
    assert site.sql("select s.login from training_attendees a join staff s"
                    " on s.id = a.staff_id order by s.login") == [
        ('li',), ('zhang',)]

    m = login(site, 'li')
    choose(m, '培训')
    m.wait_for('我的 %d 年培训：1 次，3 学时' % YEAR)
    m.wait_for('社区消防安全培训')


def test_training_attendees_follow_held_for():
    site = people_site()
    k = login(site, 'jd')
    choose(k, '培训')
    k.send('F5')
    k.wait_for('新建培训')
    k.send('Tab', 'Enter')
    k.wait_for('街道级')
    k.send('街道', 'Enter')
    k.send('垃圾分类宣传培训', 'Tab', '街道办', 'Tab', '2', 'Tab')
    # A district-wide session: anyone of the district; 李明 and 赵强 ticked.
    k.wait_for(re.compile(r'培训范围\s+▾'))      # empty: the district
    k.send('Tab', 'Enter')
    k.wait_for('[ ] 赵强 · 光明社区居委会')
    k.wait_for('[ ] 李明 · 和平里社区居委会')
    k.send('李', 'Space', 'Backspace', '赵', 'Space')
    k.wait_for('[x] 赵强 · 光明社区居委会')
    k.wait_for('已选 2 ·')
    k.send('Enter')
    k.wait_for('赵强 · 光明社区居委会、李明 · 和平里社区居委会')
    # Held for 光明: the list narrows at once and 李明's tick goes.
    k.send('BTab', 'Enter')
    k.wait_for('光明社区居委会')
    k.send('光明', 'Enter')
    k.wait_for(re.compile(r'培训范围\s+光明社区居委会'))
    k.wait_for(re.compile(r'参训人员\s+赵强 · 光明社区居委会'))
    assert '李明' not in k.screen_text()
    k.send('Enter')
    k.wait_for('已选 1 ·')
    k.wait_for('[x] 赵强 · 光明社区居委会')
    text = k.screen_text()
    for other in ('李明', '王芳', '张主任'):
        assert other not in text, other
    k.send('Enter')
    # Back to 和平里: 赵强's tick goes too, its own three are offered.
    k.send('BTab', 'Enter')
    k.send('和平里', 'Enter')
    k.wait_for(re.compile(r'培训范围\s+和平里社区居委会'))
    k.send('Enter')
    k.wait_for('[ ] 张主任 · 和平里社区居委会')
    k.wait_for('[ ] 王芳 · 和平里社区居委会')
    k.wait_for('已选 0 ·')
    assert '赵强' not in k.screen_text()
    k.send('王', 'Space')
    k.wait_for('[x] 王芳 · 和平里社区居委会')
    k.send('Enter')
    k.wait_for(re.compile(r'参训人员\s+王芳 · 和平里社区居委会'))
    k.send('F2')
    k.wait_gone('新建培训')
    k.wait_for('垃圾分类宣传培训')
    assert site.sql("select committee_id, district_id from training") == [
        ('hepingli', 'dongfeng')]
    assert site.sql("select s.login from training_attendees a join staff s"
                    " on s.id = a.staff_id") == [('wang',)]


run(globals())
