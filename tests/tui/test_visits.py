"""test_visits.py — visits in the kiosk: recording a visit with a
follow-up through the resident picker (the register's search) and seeing
it on the home screen, from the resident's own screen, bad input kept in
the form, marking a follow-up done, the follow-ups and not-visited lists,
filters, and a visit form kept when the link drops."""
import datetime
import os
import re

from harness import REPO_INI, TOP, Site, ini_set, run, back_home

GOOD = os.path.join(TOP, 'tests', 'data', 'csv', 'residents_good.csv')
# The home menu's item and its hot key, wherever other items put it.
GROUP = re.compile(r'(\S)  (Residents and visits|居民与走访)$', re.M)
HOME = re.compile(r'(\S)  (Residents|居民)$', re.M)
VISITS = re.compile(r'(\S)  (Visits|走访)$', re.M)


def menu(k, item):
    """Chooses Residents (HOME) or Visits (VISITS) through their group of
    the main menu, by hot keys."""
    k.send(k.wait_for(GROUP).group(1))
    k.send(k.wait_for(item).group(1))
TODAY = datetime.date.today()


def day(offset=0):
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


def make_site(language=None):
    """li (staff) and liu (director) of 和平里, the residents of
    residents_good.csv (张三丰, 李秀英, 王小明 in 和平里)."""
    with open(REPO_INI, encoding='utf-8') as f:
        text = f.read()
    if language:
        text = ini_set(text, 'site', 'language', language)
    site = Site(ini_text=text, init=True)
    for login, name, role in (('li', '李明', 'staff'),
                              ('liu', '刘芳', 'director')):
        site.juwei('user', 'add', login, '--name', name, '--role', role,
                   '--committee', 'hepingli', '--password-stdin',
                   input='secret-pass\n', check=True)
    site.juwei('import', 'residents', GOOD, check=True)
    return site


def login(site, user='li', **kw):
    k = site.kiosk(**kw)
    k.wait_for('居委')                  # the log-in screen's title
    k.wait_quiet()
    k.send(user, 'Tab', 'secret-pass', 'Enter')
    k.wait_for(GROUP)
    k.wait_quiet()
    return k


def add_visit(site, resident, date, staff='li', followup=None, done=0):
    """A visit written straight into the database (visits have no search
    index, so this is as good as the kiosk for setting up a list)."""
    site.sql("insert into visits (committee_id, date, staff_id, resident_id,"
             " purpose, followup_needed, followup_date, followup_done,"
             " created_at, updated_at) select 'hepingli', ?,"
             " (select id from staff where login = ?),"
             " (select id from residents where name = ?), 'routine', ?, ?,"
             " ?, 0, 0", date, staff, resident, 1 if followup else 0,
             followup, done)


def visits_list(k):
    menu(k, VISITS)
    k.wait_for(re.compile(r'Outcome|走访结果'))      # the list's header
    k.wait_quiet()


def test_record_a_visit_with_a_followup_seen_on_home():
    site = make_site()                  # Chinese
    k = login(site)
    k.wait_quiet()
    assert k.find('我的走访待跟进') is None
    visits_list(k)
    k.send('F5')
    k.wait_for('走访了哪位居民？')
    k.wait_quiet()
    k.send('zsf', 'F2')                 # the register's search: initials
    k.wait_for('选择居民')
    k.wait_for('张三丰  3-2-101  138****5678')
    k.send('Enter')
    k.wait_for('新建走访记录')
    k.wait_for('张三丰  3-2-101')
    k.wait_for('李明 (li)')              # me, by default
    k.wait_quiet()
    k.send('Tab', 'Tab', 'Tab')          # date, visitor, to the purpose
    k.send('困')                         # the pick-list, filtered
    k.wait_for('困难帮扶')
    k.send('Enter')
    k.wait_quiet()
    k.send('低保复核，材料还差户口本', 'Tab', '下周一送来', 'Tab', 'y', 'Tab',
           '今天', 'F2')
    k.wait_gone('新建走访记录')
    k.wait_for('下周一送来')              # the list shows the outcome
    assert site.sql("select v.date, s.login, r.name, v.purpose, v.discussed,"
                    " v.outcome, v.followup_needed, v.followup_date,"
                    " v.followup_done, v.committee_id from visits v"
                    " join staff s on s.id = v.staff_id"
                    " join residents r on r.id = v.resident_id") == [
        (day(), 'li', '张三丰', 'hardship', '低保复核，材料还差户口本',
         '下周一送来', 1, day(), 0, 'hepingli')]
    assert site.value("select count(*) from audit where tbl = 'visits'"
                      " and actor_login = 'li'") == 1
    back_home(k)
    k.wait_for('我的走访待跟进：1项')


def test_visit_from_the_residents_own_screen():
    site = make_site('en')
    add_visit(site, '张三丰', day(-40))
    k = login(site)
    menu(k, HOME)
    k.wait_for('张三丰')
    k.send('F3')
    k.wait_for('Find residents')
    k.wait_quiet()
    k.send('三丰', 'F2')
    k.wait_gone('李秀英')
    k.send('Enter')
    k.wait_for('Resident: 张三丰')
    k.wait_for('Last visited %s (40 days ago)' % day(-40))
    k.send('F5')
    k.wait_for('New visit')
    k.wait_for('张三丰  3-2-101')
    k.wait_quiet()
    k.send('Tab', '-', 'Tab', 'Tab', 'Tab', '送米面油')
    k.send('F2')
    k.wait_for('Resident: 张三丰')
    k.wait_for('Last visited %s (1 day ago)' % day(-1))
    # every visit, newest first
    r1 = k.wait_for(day(-1))[0]
    r2 = k.wait_for(day(-40))[0]
    assert r1 < r2
    k.wait_for('送米面油')


def test_bad_input_stays_in_the_form():
    site = make_site('en')
    k = login(site)
    visits_list(k)
    k.send('F5')
    k.wait_for('Which resident was visited?')
    k.wait_quiet()
    k.send('没有这个人', 'F2')
    k.wait_for('no resident matches this')
    k.send('C-u', 'wxm', 'F2')
    k.wait_for('Choose the resident')
    k.send('Enter')
    k.wait_for('New visit')
    k.wait_quiet()
    k.send('Tab', 'C-u', day(1), 'F2')
    k.wait_for('the visit date is in the future')
    k.send('C-u', day(-3))
    for _ in range(5):                  # to the follow-up
        k.send('Tab')
    k.send('y', 'F2')
    k.wait_for('a follow-up needs a date')
    k.send('Tab', day(-5), 'F2')
    k.wait_for('the follow-up date is before the visit')
    assert site.value('select count(*) from visits') == 0
    k.send('C-u', day(2), 'F2')
    k.wait_gone('New visit')
    assert site.sql('select date, followup_date from visits') == [
        (day(-3), day(2))]


def test_followup_done_from_the_home_screen():
    site = make_site('en')
    add_visit(site, '李秀英', day(-10), followup=day(-2))
    add_visit(site, '王小明', day(-9), followup=day(0))
    add_visit(site, '张三丰', day(-8), followup=day(5))
    add_visit(site, '张三丰', day(-7), staff='liu', followup=day(-1))
    k = login(site)
    # the agenda line, by its hot key (other lines may come first)
    k.send(k.wait_for(re.compile(r'(\S)  My visit follow-ups due: 2')).group(1))
    k.wait_for('Visit follow-ups')
    k.wait_for('Mine, due by today')
    r1 = k.wait_for('李秀英')[0]       # the most overdue first
    r2 = k.wait_for('王小明')[0]
    assert r1 < r2
    k.wait_quiet()
    assert k.find('张三丰') is None
    k.send('F9')
    k.wait_for('is done?')
    k.send('y')
    k.wait_for('1 found')
    k.wait_gone('李秀英')
    assert site.value("select followup_done from visits v join residents r"
                      " on r.id = v.resident_id where r.name = '李秀英'") == 1
    assert site.value("select count(*) from audit where action ="
                      " 'followup_done'") == 1
    # everyone's, and those due later too
    k.send('F3')
    k.wait_for("Everyone's, due by today")
    k.wait_for('张三丰')               # 刘芳's, overdue
    k.send('F6')
    k.wait_for("Everyone's, all open")
    k.wait_for(day(5))
    k.send('F10')
    k.wait_for('My visit follow-ups due: 1')


def test_residents_not_visited_for_days():
    site = make_site('en')
    add_visit(site, '李秀英', day(-100))
    add_visit(site, '张三丰', day(-10))
    k = login(site, user='liu')
    visits_list(k)
    k.send('F7')
    k.wait_for('低保户 not visited for 90 days')
    k.wait_for('Last visit')            # the list's own header
    k.wait_for('李秀英')
    k.wait_quiet()
    assert k.find('张三丰') is None     # visited ten days ago
    k.send('F3')
    k.wait_for('Not visited for')
    k.wait_quiet()
    k.send('Tab', 'C-u', '5', 'F2')
    k.wait_for('低保户 not visited for 5 days')
    r1 = k.wait_for('李秀英')[0]
    r2 = k.wait_for('张三丰')[0]
    assert r1 < r2                      # the longest ago first
    # 独居老人: 张三丰 only, never visited counted from the start
    k.send('F3')
    k.wait_for('Not visited for')
    k.wait_quiet()
    k.send('独', 'Enter', 'F2')
    k.wait_for('独居老人 not visited for 5 days')
    k.wait_for('张三丰')
    k.send('F5')                        # visit them now
    k.wait_for('New visit')
    k.wait_quiet()
    k.send('F2')
    k.wait_gone('New visit')
    k.wait_for('Nothing to show.')


def test_filter_visits():
    site = make_site('en')
    add_visit(site, '李秀英', day(-30))
    add_visit(site, '王小明', day(-20), staff='liu')
    add_visit(site, '张三丰', day(-10))
    k = login(site, user='liu')
    visits_list(k)
    k.wait_for('3 found')
    k.send('F3')
    k.wait_for('Filter visits')
    k.wait_quiet()
    k.send(day(-25), 'Tab', day(-5), 'F2')
    k.wait_for('2 found')
    k.wait_gone('李秀英')
    k.send('F3')
    k.wait_for('Filter visits')
    k.wait_quiet()
    k.send('Tab', 'Tab', '刘芳')       # the visitor's pick-list, filtered
    k.wait_for('刘芳 (liu)')
    k.send('Enter', 'F2')
    k.wait_for('1 found')
    k.wait_for('王小明')
    k.wait_quiet()
    assert k.find('张三丰') is None


def test_visit_form_kept_when_the_link_drops():
    site = make_site('en')
    k = login(site)
    visits_list(k)
    k.send('F5')
    k.wait_for('Which resident was visited?')
    k.wait_quiet()
    k.send('3-2-102', 'F2')
    k.wait_for('Choose the resident')
    k.send('Enter')
    k.wait_for('New visit')
    k.wait_quiet()
    k.send('Tab', 'Tab', 'Tab', 'Tab', '谈到一半')
    k.wait_for('谈到一半')
    k.close_pty()
    k.expect_exit()
    assert site.sql("select form from drafts") == [('visit',)]
    k = site.kiosk()
    k.wait_for('居委')
    k.wait_quiet()
    k.send('li', 'Tab', 'secret-pass', 'Enter')
    k.wait_for('Open it again?')
    k.send('y')
    k.wait_for('New visit')
    k.wait_for('李秀英  3-2-102')
    k.wait_for('谈到一半')
    k.send('F2')
    k.wait_gone('New visit')
    assert site.sql("select r.name, v.discussed from visits v join residents"
                    " r on r.id = v.resident_id") == [('李秀英', '谈到一半')]


run(globals())
