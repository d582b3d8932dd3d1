"""test_inspections.py — the inspection screens end to end: entered in
Chinese, moved open → in progress → resolved by its follow-up person with
the history shown and the database and audit checked, refused to someone
else of the committee and invisible to another committee, overdue ones on
the home screen and marked in the list, each bad input next to its field
with nothing saved, a stale status change, a draft kept on hangup, a long
list counting to "1,000+"."""
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
    ('sun', '孙街道', 'street', None),
]
TODAY = date.today()


def make_site(lang='en', people=PEOPLE):
    with open(REPO_INI, encoding='utf-8') as f:
        text = f.read()
    site = Site(ini_text=ini_set(text, 'site', 'language', lang), init=True)
    for login_, name, role, committee in people:
        where = (['--committee', committee] if committee
                 else ['--district', 'dongfeng'])
        site.juwei('user', 'add', login_, '--name', name, '--role', role,
                   *where, '--password-stdin', input=PW + '\n', check=True)
    return site


def login(site, user):
    k = site.kiosk()
    k.wait_until(lambda: k.cursor()[0] == 2, what='the login form')
    k.send(user, 'Tab', PW, 'Enter')
    k.wait_for(site.value('SELECT name FROM staff WHERE login = ?', user))
    return k



def field_row(k, label):
    return k.find(label)[0]


def add_inspection(site, place, due, status='open', assignee='zhao',
                   day=None, by='li'):
    """An inspection written straight into the database, with the
    follow-up row that opened it."""
    day = day or (TODAY - timedelta(days=5)).isoformat()
    site.sql("INSERT INTO inspections (committee_id, date, place, category,"
             " found, severity, status, assignee_id, due_date, created_by,"
             " version, created_at, updated_at)"
             " SELECT c.committee_id, ?, ?, 'facility', '路灯不亮', 2, ?,"
             " a.id, ?, c.id, 1, 0, 0 FROM staff c, staff a"
             " WHERE c.login = ? AND a.login = ?",
             day, place, status, due, by, assignee)
    iid = site.value('SELECT max(id) FROM inspections')
    site.sql("INSERT INTO inspection_followups (inspection_id, committee_id,"
             " date, staff_id, to_status, version, created_at, updated_at)"
             " SELECT i.id, i.committee_id, i.date, i.created_by, 'open', 1,"
             " 0, 0 FROM inspections i WHERE i.id = ?", iid)
    return iid


def test_open_to_resolved_by_the_assignee_in_chinese():
    site = make_site('zh')
    k = login(site, 'li')
    menu(k, '巡查')
    k.wait_for('本居委会的巡查')
    k.send('F5')
    k.wait_for('新建巡查')
    k.wait_for(TODAY.isoformat())
    # time, place, grid, category, found, severity, follow-up, due date;
    # choice fields take typed text as the pick-list's filter
    k.send('Tab', '09:30', 'Tab', '3号楼东侧楼道', 'Tab', '第一', 'Enter',
           '安全', 'Enter', '楼道堆放杂物，堵塞消防通道', 'Tab', '紧', 'Enter',
           '赵', 'Enter', TODAY.isoformat())
    k.wait_for(re.compile('跟进人 +赵丽'))
    k.send('F2')
    k.wait_for('已保存：3号楼东侧楼道')
    row = site.sql("SELECT i.id, i.time, i.place, i.grid, i.category,"
                   " i.found, i.severity, i.status, a.login, i.due_date,"
                   " c.login FROM inspections i JOIN staff a"
                   " ON a.id = i.assignee_id JOIN staff c ON c.id ="
                   " i.created_by")
    assert len(row) == 1
    iid = row[0][0]
    assert row[0][1:] == ('09:30', '3号楼东侧楼道', '第一网格', 'hazard',
                          '楼道堆放杂物，堵塞消防通道', 3, 'open', 'zhao',
                          TODAY.isoformat(), 'li')
    # li entered it but does not follow it up: the status is not hers
    k.wait_for('3号楼东侧楼道')
    k.send('Enter')
    k.wait_for('巡查：3号楼东侧楼道')
    k.wait_for('跟进记录 (1)')
    k.send('F6')
    k.wait_for('只有跟进人、本居委会主任或街道可以更改状态')
    assert site.value('SELECT version FROM inspections') == 1
    k.send('Enter')
    k.wait_gone('只有跟进人')
    # the follow-up person finds it on her home screen
    k = login(site, 'zhao')
    menu(k, '我跟进的到期或逾期巡查：1 条')
    k.wait_for('我跟进的到期或逾期巡查')
    k.wait_for('3号楼东侧楼道')
    k.send('Enter')
    k.wait_for('巡查：3号楼东侧楼道')
    k.send('F6')
    k.wait_for('更改状态')
    k.send('开始', 'Enter')
    k.wait_for(re.compile('新状态 \\* +开始处理 → 处理中'))
    k.send('F2')
    k.wait_for('跟进记录 (2)')
    k.wait_for('待处理 → 处理中')
    # resolving needs a note: refused next to the field, nothing written
    k.send('F6')
    k.wait_for('更改状态')
    k.send('办结', 'Enter')
    k.wait_for(re.compile('新状态 \\* +办结 → 已解决'))
    k.send('F2')
    k.wait_for('请写明是怎样解决的')
    assert '请写明是怎样解决的' in k.row(field_row(k, '说明'))
    assert site.value('SELECT status FROM inspections') == 'in_progress'
    k.send('已清理杂物，', 'Enter', '消防通道畅通', 'F2')
    k.wait_for('跟进记录 (3)')
    k.wait_for('处理中 → 已解决')
    k.wait_for('已清理杂物，')
    assert site.sql('SELECT status, resolved_date, version FROM'
                    ' inspections') == [('resolved', TODAY.isoformat(), 3)]
    assert site.sql('SELECT s.login, f.from_status, f.to_status, f.note'
                    ' FROM inspection_followups f JOIN staff s ON s.id ='
                    ' f.staff_id ORDER BY f.id') == [
        ('li', None, 'open', None),
        ('zhao', 'open', 'in_progress', None),
        ('zhao', 'in_progress', 'resolved', '已清理杂物，\n消防通道畅通'),
    ]
    assert site.sql("SELECT action, actor_login, after ->> '$.status' FROM"
                    " audit WHERE tbl = 'inspections' AND row_id = ?"
                    " ORDER BY id", iid) == [
        ('insert', 'li', 'open'),
        ('status', 'zhao', 'in_progress'),
        ('status', 'zhao', 'resolved'),
    ]


def test_another_committee_sees_none_of_it():
    site = make_site()
    add_inspection(site, '和平里3号楼', TODAY.isoformat())
    k = login(site, 'wang')
    menu(k, 'Inspections')
    k.wait_for('Inspections of my committee')
    k.send('F3')
    k.wait_for('Find inspections')
    k.send('和平里', 'F2')
    k.wait_for('Find: 和平里')
    k.wait_quiet()
    assert k.find('和平里3号楼') is None
    k.send('F3')
    k.wait_for('Find inspections')
    k.send('C-u', 'F2')
    k.wait_quiet()
    assert k.find('和平里3号楼') is None


def test_a_long_list_counts_to_1000_plus():
    """Past 1,000 rows the count stops and the line under the title says
    so; a search leaving fewer shows the exact count in the corner."""
    site = make_site()
    site.sql("WITH RECURSIVE x(i) AS (SELECT 1 UNION ALL SELECT i + 1"
             " FROM x WHERE i < 1100)"
             " INSERT INTO inspections (committee_id, date, place, category,"
             " found, severity, status, created_by, version, created_at,"
             " updated_at)"
             " SELECT committee_id, ?, CASE WHEN i <= 2 THEN '菜市场后门'"
             " ELSE '小区东门' END, 'facility', '路灯不亮', 2, 'open', id,"
             " 1, 0, 0 FROM x, staff WHERE login = 'li'", TODAY.isoformat())
    k = login(site, 'liu')
    menu(k, 'Inspections')
    k.wait_for('Inspections of my committee')
    k.wait_for('1,000+ found')
    k.send('F3')
    k.wait_for('Find inspections')
    k.send('菜市场', 'F2')
    k.wait_for('Find: 菜市场')
    k.wait_for('2 found')
    assert k.find('1,000+') is None


def test_overdue_inspection_on_the_home_screen():
    site = make_site('zh')
    add_inspection(site, '最新的一处', (TODAY + timedelta(days=3)).isoformat(),
                   day=TODAY.isoformat())
    add_inspection(site, '过期的井盖', (TODAY - timedelta(days=2)).isoformat(),
                   day=(TODAY - timedelta(days=4)).isoformat())
    add_inspection(site, '已办结的', (TODAY - timedelta(days=2)).isoformat(),
                   status='resolved', day=(TODAY - timedelta(days=6)).isoformat())
    add_inspection(site, '较早的一处', (TODAY + timedelta(days=5)).isoformat(),
                   day=(TODAY - timedelta(days=8)).isoformat())
    k = login(site, 'liu')
    menu(k, '本居委会逾期的巡查：1 条')
    k.wait_for('只看逾期')
    k.wait_for('过期的井盖')
    k.wait_quiet()
    assert k.find('最新的一处') is None and k.find('已办结的') is None
    # in the whole list the overdue row is marked, unlike the others
    k.send('F3')
    k.wait_for('查找巡查')
    k.send('Tab', 'Tab', 'Tab', 'Tab', 'n', 'F2')
    k.wait_for('较早的一处')
    over = field_row(k, '过期的井盖')
    plain = field_row(k, '较早的一处')
    assert over > field_row(k, '最新的一处')          # not the selected row
    assert (k.cell(over, 1).fg, k.cell(over, 1).bold) != \
        (k.cell(plain, 1).fg, k.cell(plain, 1).bold)
    # the follow-up person and the street office see it too
    k2 = login(site, 'zhao')
    k2.wait_for('我跟进的到期或逾期巡查：1 条')
    k3 = login(site, 'sun')
    k3.wait_for('本街道逾期的巡查：1 条')


# --- each bad input: its message next to its field, nothing saved --------

def new_form(site, user='li'):
    k = login(site, user)
    menu(k, 'Inspections')
    k.wait_for('Inspections of')
    k.send('F5')
    k.wait_for('New inspection')
    k.wait_until(lambda: k.cursor()[0] == 2, what='the first field')
    return k


def fill(k, time='09:30', place='小区北门', due=''):
    """From the date field of a staff account's form."""
    k.send('Tab', 'C-u', time, 'Tab', 'C-u', place, 'Tab', 'Tab', '公共',
           'Enter', '路灯不亮', 'Tab', 'Tab', 'Tab', 'C-u', due)


def refused_at(k, site, label, message):
    k.send('F2')
    k.wait_for(message[:20])
    row = k.row(field_row(k, label))
    assert message[:12] in row, row
    k.wait_for(label.rstrip(' *') + ': ' + message)
    assert site.value('SELECT count(*) FROM inspections') == 0
    assert site.value('SELECT count(*) FROM audit WHERE tbl LIKE'
                      " 'inspection%'") == 0


def test_refuse_time_outside_the_day():
    site = make_site(people=PEOPLE[:1])
    k = new_form(site)
    fill(k, time='24:00')
    refused_at(k, site, 'Time ', 'not a time: use HH:MM, 00:00–23:59')


def test_refuse_empty_place():
    site = make_site(people=PEOPLE[:1])
    k = new_form(site)
    fill(k, place='')
    refused_at(k, site, 'Place *', 'required')


def test_refuse_impossible_due_date():
    site = make_site(people=PEOPLE[:1])
    k = new_form(site)
    fill(k, due='%d-02-30' % TODAY.year)
    refused_at(k, site, 'Due date', 'not a date: use YYYY-MM-DD')


def test_refuse_place_too_long():
    site = make_site(people=PEOPLE[:1])
    k = new_form(site)
    fill(k, place='地' * 101)
    refused_at(k, site, 'Place *',
               'Place is too long: 101 characters, at most 100')


def test_refuse_assignee_of_another_committee():
    site = make_site()
    k = new_form(site, 'sun')
    # the street office chooses the committee, then someone of another
    k.send('和平', 'Enter', 'Tab', 'Tab', '小区北门', 'Tab', 'Tab', '公共',
           'Enter', '路灯不亮', 'Tab', 'Tab', '王芳', 'Enter')
    k.wait_for(re.compile('Follow-up by +王芳'))
    refused_at(k, site, 'Follow-up by',
               '王芳 is not on the staff of this committee')


# --- stale saves and drafts -------------------------------------------------

def test_stale_status_change_shows_the_core_message():
    site = make_site(people=PEOPLE[:3])
    add_inspection(site, '2号楼门口', TODAY.isoformat())
    a = login(site, 'zhao')
    b = login(site, 'liu')
    for k in (a, b):
        menu(k, 'Inspections')
        k.wait_for('2号楼门口')
        k.send('Enter')
        k.wait_for('Inspection: 2号楼门口')
        k.send('F6')
        k.wait_for('Change the status')
    a.send('Start', 'Enter', 'F2')
    a.wait_for('Follow-up history (2)')
    b.send('Escal', 'Enter', '需要街道协调', 'F2')
    b.wait_for('someone else changed this record; reopen it to see their')
    assert site.sql('SELECT status, version FROM inspections') == [
        ('in_progress', 2)]
    assert site.value('SELECT count(*) FROM inspection_followups') == 2


def test_hangup_keeps_the_form_as_a_draft():
    site = make_site(people=PEOPLE[:1])
    k = new_form(site)
    fill(k, place='断线前的巡查')
    k.wait_for('断线前的巡查')
    k.wait_for('路灯不亮')
    k.close_pty()
    k.expect_exit()
    assert site.value("SELECT count(*) FROM drafts WHERE form ="
                      " 'inspection'") == 1
    k = site.kiosk()
    k.wait_until(lambda: k.cursor()[0] == 2, what='the login form')
    k.send('li', 'Tab', PW, 'Enter')
    k.wait_for('"Inspection"')
    k.send('y')
    k.wait_for('断线前的巡查')
    k.send('F2')
    k.wait_for('Saved: 断线前的巡查')
    assert site.sql('SELECT place, status FROM inspections') == [
        ('断线前的巡查', 'open')]


run(globals())
