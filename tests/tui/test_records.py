"""test_records.py — the work records screens end to end: entering a
record in Chinese, finding it by Chinese substrings, editing it (database
and audit log checked), each bad input shown next to its field with
nothing saved, deleting within the edit window, a stale save, a draft kept
on hangup, a long list counting to "1,000+", and another committee's staff
seeing none of it."""
import os
import re
import sys
from datetime import date, timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import REPO_INI, Site, ini_set, run, choose as menu# noqa: E402

PW = 'secret-pass'
PEOPLE = [
    ('li', '李明', 'staff', 'hepingli'),
    ('zhao', '赵丽', 'staff', 'hepingli'),
    ('liu', '刘主任', 'director', 'hepingli'),
    ('wang', '王芳', 'staff', 'guangming'),
]
TODAY = date.today()


def workday_ini(text):
    """The sample INI with today a working day on its calendar, so the home
    screen's 'today's record' line is due whatever day the tests run."""
    y = TODAY.year
    d = date(y, 1, 1)
    while d.weekday() >= 5 or d == TODAY:
        d += timedelta(days=1)
    section = 'calendar.%d' % y
    text = ini_set(text, section, 'holidays', d.isoformat())
    return ini_set(text, section, 'workdays',
                   TODAY.isoformat() if TODAY.weekday() >= 5 else '')


def make_site(lang='en', people=PEOPLE):
    with open(REPO_INI, encoding='utf-8') as f:
        text = f.read()
    text = workday_ini(ini_set(text, 'site', 'language', lang))
    site = Site(ini_text=text, init=True)
    for login_, name, role, committee in people:
        site.juwei('user', 'add', login_, '--name', name, '--role', role,
                   '--committee', committee, '--password-stdin',
                   input=PW + '\n', check=True)
    return site


def login(site, user):
    """Logs in; the user's name on the title bar says the home screen is
    there, in either language."""
    k = site.kiosk()
    k.wait_until(lambda: k.cursor()[0] == 2, what='the login form')
    k.send(user, 'Tab', PW, 'Enter')
    k.wait_for(site.value('SELECT name FROM staff WHERE login = ?', user))
    return k



def add_record(site, login_, day, title, details=''):
    """A record written straight into the database (the triggers queue it
    for the index, which the next search brings up to date)."""
    site.sql("INSERT INTO records (committee_id, staff_id, date, category,"
             " title, details, version, created_at, updated_at)"
             " SELECT committee_id, id, ?, 'visit', ?, ?, 1, 0, 0"
             " FROM staff WHERE login = ?", day, title, details, login_)
    return site.value('SELECT max(id) FROM records')


def new_record_form(site, user='li'):
    k = login(site, user)
    menu(k, 'Work records')
    k.wait_for('My work records' if user != 'liu' else 'Work records of')
    k.send('F5')
    k.wait_for('New work record')
    k.wait_until(lambda: k.cursor()[0] == 2, what='the date field')
    return k


def pick(k, text):
    """On a choice field: types to filter the pick-list, takes the match."""
    k.send(text)
    k.wait_for('Find: ' + text)
    k.send('Enter')
    k.wait_gone('Find: ')


def field_row(k, label):
    return k.find(label)[0]


def test_enter_find_and_edit_a_record_in_chinese():
    site = make_site('zh')
    k = login(site, 'li')
    k.wait_for('今天的工作日志：还没写')
    menu(k, '工作日志')
    k.wait_for('我的工作日志')
    k.send('F5')
    k.wait_for('新建工作日志')
    # today and the person logged in are filled in
    k.wait_for(TODAY.isoformat())
    assert '李明' in k.row(field_row(k, '工作人员'))
    k.send('Tab', 'Tab', '入户')
    k.wait_for(re.compile('入户走访 +│'))
    k.send('Enter')
    k.wait_until(lambda: k.cursor()[0] == field_row(k, '标题'),
                 what='the title field')
    k.send('入户走访：张阿姨家水管漏水', 'Tab', '联系物业维修，', 'Enter',
           '明天回访。', 'Tab', '1.5', 'F2')
    k.wait_for('已保存：入户走访：张阿姨家水管漏水')
    rows = site.sql('SELECT r.id, s.login, r.date, r.category, r.title,'
                    ' r.details, r.hours, r.committee_id FROM records r'
                    ' JOIN staff s ON s.id = r.staff_id')
    assert len(rows) == 1
    rid = rows[0][0]
    assert rows[0][1:] == ('li', TODAY.isoformat(), 'visit',
                           '入户走访：张阿姨家水管漏水',
                           '联系物业维修，\n明天回访。', 1.5, 'hepingli')
    # found by one, two and more Chinese characters
    for word in ('水', '水管', '张阿姨家', '回访'):
        k.send('F3')
        k.wait_for('查找工作日志')
        k.send('C-u', word, 'F2')
        k.wait_for('查找：' + word)
        k.wait_for('入户走访：张阿姨家水管漏水')
    k.send('F3')
    k.wait_for('查找工作日志')
    k.send('C-u', '煤气', 'F2')
    k.wait_for('查找：煤气')
    k.wait_quiet()
    assert k.find('张阿姨') is None
    # edit it from the list
    k.send('F3')
    k.wait_for('查找工作日志')
    k.send('C-u', '张阿姨', 'F2')
    k.wait_for('入户走访：张阿姨家水管漏水')
    k.send('Enter')
    k.wait_for(re.compile('工作日志 +李明'))
    k.wait_for('联系物业维修')
    k.send('Tab', 'Tab', 'Tab', 'C-u', '入户走访：张阿姨家水管已修好', 'F2')
    k.wait_for('已保存：入户走访：张阿姨家水管已修好')
    assert site.sql('SELECT title, version FROM records') == [
        ('入户走访：张阿姨家水管已修好', 2)]
    audit = site.sql("SELECT action, actor_login, before ->> '$.title',"
                     " after ->> '$.title' FROM audit WHERE tbl = 'records'"
                     " AND row_id = ? ORDER BY id", rid)
    assert audit == [
        ('insert', 'li', None, '入户走访：张阿姨家水管漏水'),
        ('update', 'li', '入户走访：张阿姨家水管漏水',
         '入户走访：张阿姨家水管已修好'),
    ]
    # the home screen no longer asks for today's record
    k.send('F10')
    k.wait_for('工作日志')
    k.wait_quiet()
    assert k.find('今天的工作日志：还没写') is None


# --- each bad input: its message next to its field, nothing saved --------

def fill_rest(k, title='走访', hours=''):
    """From the date field: category, title and hours."""
    k.send('Tab', 'Tab')
    pick(k, '入户')
    k.send('C-u', title, 'Tab', 'Tab', hours)


def refused_at(k, site, label, message, full=None):
    """The message shows on the field's row (its start: it is cut at the
    screen's edge) and whole on the status line; nothing was written."""
    k.send('F2')
    k.wait_for(message[:20])
    row = k.row(field_row(k, label))
    assert message[:12] in row, row
    k.wait_for(label.rstrip(' *') + ': ' + (full or message))
    assert site.value('SELECT count(*) FROM records') == 0
    assert site.value("SELECT count(*) FROM audit WHERE tbl = 'records'") == 0


def test_refuse_empty_title():
    site = make_site(people=PEOPLE[:1])
    k = new_record_form(site)
    fill_rest(k, title='')
    refused_at(k, site, 'Title *', 'required')


def test_refuse_impossible_date():
    site = make_site(people=PEOPLE[:1])
    k = new_record_form(site)
    k.send('C-u', '2025-02-30')
    fill_rest(k)
    refused_at(k, site, 'Date *', 'not a date: use YYYY-MM-DD')


def test_refuse_future_date():
    site = make_site(people=PEOPLE[:1])
    k = new_record_form(site)
    k.send('C-u', (TODAY + timedelta(days=1)).isoformat())
    fill_rest(k)
    refused_at(k, site, 'Date *',
               'a work record cannot be dated after today (%s)'
               % TODAY.isoformat())


def test_refuse_hours_out_of_range():
    site = make_site(people=PEOPLE[:1])
    k = new_record_form(site)
    fill_rest(k, hours='24.5')
    refused_at(k, site, 'Hours', 'must be from 0 to 24')


def test_refuse_hours_not_in_half_steps():
    site = make_site(people=PEOPLE[:1])
    k = new_record_form(site)
    fill_rest(k, hours='1.3')
    refused_at(k, site, 'Hours', 'must be in steps of 0.5')


def test_refuse_title_too_long():
    site = make_site(people=PEOPLE[:1])
    k = new_record_form(site)
    fill_rest(k, title='长' * 81)
    refused_at(k, site, 'Title *',
               'Title is too long: 81 characters, at most 80')
    # cut to 80 it saves (the cursor is on the title now)
    k.send('Backspace', 'F2')
    k.wait_for('Saved: ' + '长' * 10)
    assert site.value('SELECT length(title) FROM records') == 80


# --- deleting, stale saves, drafts, scope ----------------------------------

def test_delete_own_record_within_the_edit_window():
    site = make_site(people=PEOPLE[:3])
    recent = add_record(site, 'li', (TODAY - timedelta(days=2)).isoformat(),
                        '两天前的记录')
    old = add_record(site, 'li', (TODAY - timedelta(days=10)).isoformat(),
                     '十天前的记录')
    k = login(site, 'li')
    menu(k, 'Work records')
    k.wait_for('两天前的记录')
    k.send('F8')
    k.wait_for('Delete the work record "两天前的记录" of 李明')
    k.send('y')
    k.wait_for('Deleted: 两天前的记录')
    assert site.value('SELECT count(*) FROM records WHERE id = ?', recent) == 0
    assert site.sql("SELECT action, actor_login FROM audit WHERE"
                    " tbl = 'records' AND row_id = ?", recent) == [
        ('delete', 'li')]
    # ten days old: refused with the reason, nothing deleted
    k.wait_for('十天前的记录')
    k.send('F8')
    k.wait_for('Delete the work record "十天前的记录"')
    k.send('y')
    k.wait_for('this record is more than 7 days old')
    assert site.value('SELECT count(*) FROM records WHERE id = ?', old) == 1
    k.send('Enter')
    k.send('F10')
    k.wait_for('Main menu')
    k.send('F10')
    k.wait_for('Log out now?')
    k.send('y')
    # the director corrects it
    k = login(site, 'liu')
    menu(k, 'Work records')
    k.wait_for('十天前的记录')
    k.send('F8')
    k.wait_for('Delete the work record "十天前的记录"')
    k.send('y')
    k.wait_for('Deleted: 十天前的记录')
    assert site.value('SELECT count(*) FROM records') == 0


def test_stale_save_shows_the_core_message():
    site = make_site(people=PEOPLE[:3])
    add_record(site, 'li', TODAY.isoformat(), '原来的标题')
    a = login(site, 'li')
    b = login(site, 'liu')
    for k in (a, b):
        menu(k, 'Work records')
        k.wait_for('原来的标题')
        k.send('Enter')
        k.wait_for(re.compile('Title \\* +原来的标题'))
        k.send('Tab', 'Tab', 'Tab', 'C-u')
    a.send('李明改的', 'F2')
    a.wait_for('Saved: 李明改的')
    b.send('主任改的', 'F2')
    b.wait_for('someone else changed this record; reopen it to see their')
    assert site.sql('SELECT title, version FROM records') == [('李明改的', 2)]


def test_hangup_keeps_the_form_as_a_draft():
    site = make_site(people=PEOPLE[:1])
    k = new_record_form(site)
    fill_rest(k, title='断线前写了一半')
    k.wait_for('断线前写了一半')
    k.close_pty()
    k.expect_exit()
    assert site.value("SELECT count(*) FROM drafts WHERE form = 'record'") == 1
    assert site.value('SELECT count(*) FROM records') == 0
    k = site.kiosk()
    k.wait_until(lambda: k.cursor()[0] == 2, what='the login form')
    k.send('li', 'Tab', PW, 'Enter')
    k.wait_for('Work record')
    k.send('y')
    k.wait_for('断线前写了一半')
    k.send('F2')
    k.wait_for('Saved: 断线前写了一半')
    assert site.sql('SELECT title, category FROM records') == [
        ('断线前写了一半', 'visit')]


def edit_then_hang_up(site, title):
    """li opens his record, retypes the title, and the link drops."""
    k = login(site, 'li')
    menu(k, 'Work records')
    k.wait_for('原来的标题')
    k.send('Enter')
    k.wait_for(re.compile('Title \\* +原来的标题'))
    k.send('Tab', 'Tab', 'Tab', 'C-u', title)
    k.wait_for(title)
    k.close_pty()
    k.expect_exit()


def resume(site):
    k = site.kiosk()
    k.wait_until(lambda: k.cursor()[0] == 2, what='the login form')
    k.send('li', 'Tab', PW, 'Enter')
    k.wait_for('Open it again?')
    k.send('y')
    return k


def test_a_resumed_edit_says_when_the_record_changed_meanwhile():
    site = make_site(people=PEOPLE[:3])
    rid = add_record(site, 'li', TODAY.isoformat(), '原来的标题')
    # nobody touched it: the draft opens straight into the form
    edit_then_hang_up(site, '我改了一半')
    assert site.sql("SELECT form, record_id, record_version FROM drafts") == [
        ('record', rid, 1)]
    k = resume(site)
    k.wait_for(re.compile('Title \\* +我改了一半'))
    assert k.find('Changed meanwhile') is None
    k.send('F2')
    k.wait_for('Saved: 我改了一半')
    assert site.sql('SELECT title, version FROM records') == [('我改了一半', 2)]
    k.close_pty()
    k.expect_exit()
    # the director saves a change after the draft was kept: li is told
    # before the form opens, and saving is then his decision
    site.sql("UPDATE records SET title = '原来的标题'")
    edit_then_hang_up(site, '第二次改')
    assert site.value("SELECT record_version FROM drafts") == 2
    site.sql("UPDATE records SET details = '主任补充', version = 3")
    k = resume(site)
    k.wait_for('Changed meanwhile')
    k.wait_for('saving it replaces their change')
    k.send('Enter')
    k.wait_for(re.compile('Title \\* +第二次改'))
    k.send('F2')
    k.wait_for('Saved: 第二次改')
    assert site.sql('SELECT title, version FROM records') == [('第二次改', 4)]


def test_a_long_list_counts_to_1000_plus():
    """Past 1,000 rows the count stops: the line under the title says so;
    a filter that leaves fewer shows the exact count in the corner."""
    site = make_site('zh')
    site.sql("WITH RECURSIVE x(i) AS (SELECT 1 UNION ALL SELECT i + 1"
             " FROM x WHERE i < 1200)"
             " INSERT INTO records (committee_id, staff_id, date, category,"
             " title, version, created_at, updated_at)"
             " SELECT s.committee_id, s.id, ?, 'visit',"
             " CASE WHEN i <= 3 THEN '调解邻里纠纷' ELSE '入户走访' END,"
             " 1, 0, 0 FROM x, staff s WHERE s.login = 'li'",
             TODAY.isoformat())
    k = login(site, 'liu')
    menu(k, '工作日志')
    k.wait_for('本居委会的工作日志')
    k.wait_for('超过 1000 条')
    assert k.find('共 ') is None
    k.send('F3')
    k.wait_for('查找工作日志')
    k.send('纠纷', 'F2')
    k.wait_for('查找：纠纷')
    k.wait_for('共 3 条')
    assert k.find('超过 1000 条') is None


def test_other_committee_sees_none_of_it():
    site = make_site()
    add_record(site, 'li', TODAY.isoformat(), '和平里的记录', '只有本居委会能看')
    k = login(site, 'wang')
    menu(k, 'Work records')
    k.wait_for('My work records')
    k.send('F3')
    k.wait_for('Find work records')
    k.send('和平里', 'F2')
    k.wait_for('Find: 和平里')
    k.wait_quiet()
    assert k.find('和平里的记录') is None
    assert site.value('SELECT count(*) FROM records') == 1


run(globals())
