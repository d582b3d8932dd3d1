"""test_reports.py — the monthly report screen: a director reads the
committee's month in Chinese; exports from the kiosk land in the export
directory (mode 0640) and say where; the street office signs a committee's
month off and reopens it with a reason; Left/Right step the month; the
Linux console gets ASCII trends."""
import datetime
import os
import re
import stat

import openpyxl

from harness import Site, ini_set, run

PW = 'secret-pass'


def last_month():
    first = datetime.date.today().replace(day=1)
    prev = first - datetime.timedelta(days=1)
    return prev.replace(day=1), prev          # its first and last day


def month_text(d):
    return d.strftime('%Y-%m')


def site_with(language='en'):
    """hepingli (dongfeng): director wang, staff li; street office sun;
    two records and a visit last month."""
    site = Site(init=True)
    with open(site.ini, encoding='utf-8') as f:
        text = f.read()
    text = ini_set(text, 'site', 'language', language)
    text = ini_set(text, 'site', 'export_dir', os.path.join(site.dir, 'exports'))
    site.write_ini(text)
    for login, name, role, where in (
            ('wang', '王建国', 'director', ('--committee', 'hepingli')),
            ('li', '李秀英', 'staff', ('--committee', 'hepingli')),
            ('sun', '孙丽', 'street', ('--district', 'dongfeng'))):
        site.juwei('user', 'add', login, '--name', name, '--role', role, *where,
                   '--password-stdin', input=PW + '\n', check=True)
    first, _ = last_month()
    wang = site.value("select id from staff where login = 'wang'")
    li = site.value("select id from staff where login = 'li'")
    for day, staff, cat, title, hours in ((2, li, 'meeting', '周例会', 1.5),
                                          (3, wang, 'meeting', '党建学习', 2),
                                          (3, li, 'visit', '入户走访', 1)):
        site.sql("insert into records (committee_id, staff_id, date, category,"
                 " title, hours, created_at, updated_at) values"
                 " ('hepingli', ?, ?, ?, ?, ?, 0, 0)",
                 staff, first.replace(day=day).isoformat(), cat, title, hours)
    site.sql("insert into residents (id, committee_id, name, created_at,"
             " updated_at) values (1, 'hepingli', '张大妈', 0, 0)")
    site.sql("insert into resident_tags (resident_id, committee_id, tag,"
             " created_at, updated_at) values (1, 'hepingli', 'dibao', 0, 0)")
    site.sql("insert into visits (committee_id, date, staff_id, resident_id,"
             " purpose, created_at, updated_at) values"
             " ('hepingli', ?, ?, 1, 'hardship', 0, 0)",
             first.replace(day=4).isoformat(), li)
    return site


def login(site, user, **kw):
    k = site.kiosk(**kw)
    k.wait_for('juwei')
    k.send(user, 'Tab', PW, 'Enter')
    return k


def open_reports(k, label):
    """Chooses the reports item of the home menu by its hot key."""
    r, _ = k.wait_for(label)
    k.wait_quiet()
    hot = k.row(r).strip()[0]
    k.send(hot)


def test_director_reads_the_month_in_chinese():
    site = site_with(language='auto')
    first, _ = last_month()
    k = login(site, 'wang')
    open_reports(k, '月报')
    k.wait_for('工作日志（按类别）')
    k.wait_for('%s 月报 · 和平里社区居委会 · 东风街道办事处' % month_text(first))
    r, c = k.wait_for('会议')
    assert re.match(r'\s*会议\s+2\s+3\.5$', k.row(r)), k.row(r)
    assert re.match(r'\s*入户走访\s+1\s+1$', k.row(r + 1)), k.row(r + 1)
    assert re.match(r'\s*合计\s+3\s+4\.5$', k.row(r + 2)), k.row(r + 2)
    # the status line: this committee's sign-off
    k.wait_for('%s：未确认' % month_text(first))
    # a director has no sign-off keys
    assert '确认' not in k.row(23) and '撤销' not in k.row(23)
    k.send('End')
    k.wait_for('逐日情况')
    k.wait_quiet()
    r, _ = k.find('工作日志 ')
    assert '│' in k.row(r) and '最多 2，合计 3' in k.row(r)
    assert re.search('[▁▂▃▄▅▆▇█]', k.row(r)), k.row(r)
    k.wait_for('低保户')
    k.send('F10')
    k.wait_gone('逐日情况')
    assert site.value('select count(*) from month_signoffs') == 0


def exported(site):
    d = os.path.join(site.dir, 'exports')
    return sorted(os.listdir(d)) if os.path.isdir(d) else []


def test_export_from_the_kiosk_says_where():
    site = site_with()
    first, last = last_month()
    k = login(site, 'wang')
    open_reports(k, 'Monthly reports')
    k.wait_for('Work records by category')
    k.send('F2')
    k.wait_for('Excel workbook')
    k.send('Enter')
    name = 'report-hepingli-%s.xlsx' % month_text(first)
    k.wait_for('rows written to')
    k.wait_for('report-hepingli')
    assert exported(site) == [name]
    path = os.path.join(site.dir, 'exports', name)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    wb = openpyxl.load_workbook(path)
    assert 'Work records by category' in wb.sheetnames
    rows = list(wb['Work records by category'].iter_rows(values_only=True))
    assert rows[0] == ('Category', 'Records', 'Hours')
    assert ('会议', 2, 3.5) in rows and ('Total', 3, 4.5) in rows
    k.send('Enter')
    k.wait_gone('rows written to')

    # The month's data: work records as CSV.
    k.send('F4')
    k.wait_for('Export which data')
    k.send('Enter')                  # work records, the first
    k.wait_for('CSV text')
    k.send('Down', 'Enter')
    k.wait_for('3 rows written to')
    csv = 'records-hepingli-%s_%s.csv' % (first.isoformat(), last.isoformat())
    assert csv in exported(site)
    with open(os.path.join(site.dir, 'exports', csv), 'rb') as f:
        data = f.read()
    assert data.startswith(b'\xef\xbb\xbf')
    assert data.count(b'\r\n') == 4
    assert '周例会'.encode() in data
    # both exports are in the audit log, by wang
    assert site.value("select count(*) from audit where action = 'export'"
                      " and actor_login = 'wang'") == 2


def test_street_signs_off_and_reopens():
    site = site_with()
    month = month_text(last_month()[0])
    k = login(site, 'sun')
    open_reports(k, 'Monthly reports')
    k.wait_for('%s: 0 of 3 committees signed off' % month)
    # The district is shown: a month is signed off per committee.
    k.send('F6')
    k.wait_for('choose the committee first')
    k.send('Enter')
    k.wait_gone('choose the committee first')
    k.send('F3')
    k.wait_for('Which report')
    k.send('Tab', 'Enter')
    k.wait_for('和平里社区居委会')
    k.send('和平里', 'Enter')
    k.send('F2')
    k.wait_for('%s · 和平里社区居委会' % month)
    k.wait_for('%s: not signed off' % month)
    k.send('F6')
    k.wait_for('cannot be changed unless the month is reopened')
    k.send('y')
    k.wait_for(re.compile(r'%s: signed off by 孙丽 on \d{4}-\d\d-\d\d' % month))
    assert site.sql('select committee_id, month, reopened from month_signoffs') \
        == [('hepingli', month, 0)]
    assert site.value("select count(*) from audit where action = 'signoff'"
                      " and actor_login = 'sun'") == 1

    # Reopening needs a reason.
    k.send('F7')
    k.wait_for('Reopen %s of 和平里社区居委会' % month)
    k.send('F2')
    k.wait_for('Reason: required')
    k.send('漏报两次入户走访', 'F2')
    k.wait_for(re.compile(r'%s: reopened by 孙丽 on \d{4}-' % month))
    assert site.sql('select reopened, reopen_reason from month_signoffs') == \
        [(1, '漏报两次入户走访')]
    assert site.value("select json_extract(after, '$.reopen_reason') from audit"
                      " where action = 'reopen'") == '漏报两次入户走访'


def test_director_cannot_sign_off():
    site = site_with()
    k = login(site, 'wang')
    open_reports(k, 'Monthly reports')
    k.wait_for('Work records by category')
    k.send('F6', 'F7')
    k.wait_quiet()
    assert 'Reopen' not in k.screen_text()
    assert site.value('select count(*) from month_signoffs') == 0


def test_left_and_right_step_the_month():
    site = site_with()
    first, _ = last_month()
    before = (first - datetime.timedelta(days=1)).replace(day=1)
    k = login(site, 'wang')
    open_reports(k, 'Monthly reports')
    k.wait_for('Monthly report %s · ' % month_text(first))
    k.send('Left')
    k.wait_for('Monthly report %s · ' % month_text(before))
    k.wait_for('Nothing this month.')
    k.send('Right', 'Right')
    k.wait_for('Monthly report %s · ' % month_text(datetime.date.today()))
    k.send('Right')
    k.wait_for('has not begun yet')
    assert k.find('Monthly report %s · ' % month_text(datetime.date.today()))


def test_choose_refuses_a_bad_month():
    site = site_with()
    first, _ = last_month()
    k = login(site, 'wang')
    open_reports(k, 'Monthly reports')
    k.wait_for('Work records by category')
    k.send('F3')
    k.wait_for('Which report')
    k.send('C-u', '2026-13', 'F2')
    k.wait_for('Month: "2026-13" is not a month; write it as YYYY-MM')
    k.send('C-u', '2099-01', 'F2')
    k.wait_for('Month: 2099-01 has not begun yet')
    k.send('Esc')
    k.wait_for('Leave and lose them?')
    k.send('y')
    k.wait_for('Work records by category')
    k.wait_for('Monthly report %s · ' % month_text(first))


def test_linux_console_draws_ascii():
    site = site_with(language='auto')
    k = login(site, 'wang', term='linux')
    open_reports(k, 'Monthly reports')          # English on the console
    k.wait_for('Work records by category')
    k.send('End')
    k.wait_for('Day by day')
    k.wait_quiet()
    r, _ = k.find('Work records  ')
    line = k.row(r)
    assert '|' in line and 'max 2, total 3' in line, line
    assert not re.search('[▁▂▃▄▅▆▇█│]', k.screen_text())


run(globals())
