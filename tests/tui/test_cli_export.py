"""test_cli_export.py — the commands: `juwei export` (CSV bytes, XLSX read
back by openpyxl: Chinese headers, a Chinese cell, real date cells, frozen
header, widths), masking and --as/--full, `juwei report monthly` (80
columns, block characters or ASCII), `juwei backup` and `juwei verify`
with their exit codes."""
import datetime
import os
import re
import sqlite3
import stat

import openpyxl
from wcwidth import wcswidth

from harness import Site, ini_set, run

PW = 'secret-pass'
MONTH = '2026-03'


def make_site(language='auto'):
    site = Site(init=True)
    with open(site.ini, encoding='utf-8') as f:
        text = f.read()
    site.write_ini(ini_set(text, 'site', 'language', language))
    for login, name, role, where in (
            ('wang', '王建国', 'director', ('--committee', 'hepingli')),
            ('sun', '孙丽', 'street', ('--district', 'dongfeng'))):
        site.juwei('user', 'add', login, '--name', name, '--role', role, *where,
                   '--password-stdin', input=PW + '\n', check=True)
    site.sql("insert into records (committee_id, staff_id, date, category,"
             " title, details, hours, created_at, updated_at) values"
             " ('hepingli', 1, '2026-03-02', 'meeting', '周例会', '学习文件，"
             "布置任务', 1.5, 0, 0),"
             " ('hepingli', 1, '2026-03-03', 'visit', '入户走访, \"张大妈\"',"
             " '第一行\n第二行', 2, 0, 0),"
             " ('xinhuali', 1, '2026-03-03', 'visit', '新华里的记录', NULL,"
             " 1, 0, 0)")
    site.sql("insert into residents (id, committee_id, name, gender,"
             " building, unit, room, phone, id_number, created_at, updated_at)"
             " values (1, 'hepingli', '张大妈', 'F', '3', '2', '301',"
             " '13812345678', '110101194801011234', 0, 0)")
    site.sql("insert into resident_tags (resident_id, committee_id, tag,"
             " created_at, updated_at) values (1, 'hepingli', 'dibao', 0, 0),"
             " (1, 'hepingli', 'elderly_alone', 0, 0)")
    return site


def test_csv_bytes():
    site = make_site()
    p = site.juwei('export', 'records', '--month', MONTH, '--committee',
                   'hepingli', check=True)
    data = p.stdout_bytes
    assert data.startswith(b'\xef\xbb\xbf')
    lines = data[3:].split(b'\r\n')
    assert lines[0].decode() == '日期,居委会,工作人员,类别,标题,详细内容,工时,编号'
    assert lines[1].decode() == \
        '2026-03-02,和平里社区居委会,王建国,会议,周例会,学习文件，布置任务,1.5,1'
    # quotes doubled, the LF kept inside its quoted field
    assert lines[2].decode() == \
        '2026-03-03,和平里社区居委会,王建国,入户走访,"入户走访, ""张大妈""",' \
        '"第一行\n第二行",2,2'
    assert lines[3] == b'' and len(lines) == 4
    assert p.stderr == ''


def test_xlsx_read_back():
    site = make_site()
    out = os.path.join(site.dir, '三月记录.xlsx')
    p = site.juwei('export', 'records', '--from', '2026-03-01', '--to',
                   '2026-03-31', '-o', out, check=True)
    assert '3 ' in p.stdout and out in p.stdout
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o640
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    assert ws.title == '工作日志'
    assert [c.value for c in ws[1]] == ['日期', '居委会', '工作人员', '类别',
                                        '标题', '详细内容', '工时', '编号']
    assert ws.freeze_panes == 'A2'
    date = ws['A2']
    assert date.is_date and date.value == datetime.datetime(2026, 3, 2)
    assert date.number_format == 'yyyy-mm-dd'
    assert ws['B2'].value == '和平里社区居委会'
    assert ws['E3'].value == '入户走访, "张大妈"'
    assert ws['F3'].value == '第一行\n第二行'
    assert ws['G2'].value == 1.5
    assert ws.max_row == 4
    assert ws.column_dimensions['B'].width >= 20
    assert ws.column_dimensions['F'].width >= 40

    # the report, one sheet per section
    rep = os.path.join(site.dir, 'report.xlsx')
    site.juwei('export', 'report', '--month', MONTH, '--committee', 'hepingli',
               '-o', rep, check=True)
    wb = openpyxl.load_workbook(rep)
    assert wb.sheetnames[0] == '概况'
    assert '工作日志（按类别）' in wb.sheetnames
    rows = list(wb['工作日志（按类别）'].iter_rows(values_only=True))
    assert rows[0] == ('类别', '条数', '工时')
    assert ('会议', 1, 1.5) in rows and ('合计', 2, 3.5) in rows
    days = list(wb['逐日'].iter_rows(values_only=True))
    assert len(days) == 32
    assert days[2] == (datetime.datetime(2026, 3, 2), 1, 0, 0, 0)


def test_residents_masked_unless_full():
    site = make_site()
    p = site.juwei('export', 'residents', check=True)
    assert '138****5678,1101**********1234' in p.stdout
    assert '低保户、独居老人' in p.stdout
    p = site.juwei('export', 'residents', '--full', check=True)
    assert '13812345678,110101194801011234' in p.stdout
    p = site.juwei('export', 'residents', '--as', 'sun', '--full', check=True)
    assert '13812345678' in p.stdout
    # a director may not have them, and nothing is written
    p = site.juwei('export', 'residents', '--as', 'wang', '--full')
    assert p.returncode == 1
    assert p.stdout == ''
    assert p.stderr == 'juwei: 只有街道或管理员可以导出完整的居民信息\n'
    p = site.juwei('export', 'records', '--as', 'wang', '--committee',
                   'xinhuali')
    assert p.returncode == 1
    assert p.stderr == 'juwei: 居委会账户只能查看本居委会\n'
    p = site.juwei('export', 'records', '--as', 'wang', check=True)
    assert '新华里' not in p.stdout and '周例会' in p.stdout
    assert site.value("select count(*) from audit where action = 'export'"
                      " and json_extract(after, '$.full') = 1") == 2


def test_export_refusals():
    site = make_site(language='en')
    cases = [
        (('export',), 2, 'usage: juwei export'),
        (('export', 'everything'), 1, 'juwei: unknown export "everything"'),
        (('export', 'records', '--from', '2026-02-30'), 1,
         'juwei: --from: "2026-02-30" is not a date; write it as YYYY-MM-DD'),
        (('export', 'records', '--month', '2026-3'), 1,
         'juwei: --month: "2026-3" is not a month; write it as YYYY-MM'),
        (('export', 'records', '--format', 'xls'), 1,
         'juwei: --format: use csv or xlsx'),
        (('export', 'records', '--format', 'xlsx'), 1,
         'juwei: an XLSX export needs a file: give -o FILE'),
        (('export', 'records', '--as', 'nobody'), 1,
         'juwei: no account "nobody"'),
        (('export', 'residents', '--from', '2026-01-01'), 1,
         'juwei: dates do not apply to the residents export'),
        (('export', 'audit', '--as', 'wang'), 1,
         'juwei: this account may not export Audit log'),
        (('export', 'records', '-o', '/nonexistent/x.csv'), 1,
         'juwei: cannot write in /nonexistent: No such file or directory'),
    ]
    for args, code, err in cases:
        p = site.juwei(*args)
        assert p.returncode == code, (args, p.returncode, p.stderr)
        assert p.stderr.startswith(err), (args, p.stderr)
    assert not os.path.exists('/nonexistent')


def test_report_text():
    site = make_site()
    p = site.juwei('report', 'monthly', '--month', MONTH, '--committee',
                   'hepingli', check=True)
    lines = p.stdout.splitlines()
    assert lines[0] == '2026-03 月报 · 和平里社区居委会 · 东风街道办事处'
    assert all(wcswidth(line) <= 80 for line in lines)
    assert re.search(r'^  会议\s+1\s+1\.5$', p.stdout, re.M)
    assert re.search(r'^  合计\s+2\s+3\.5$', p.stdout, re.M)
    trend = [l for l in lines if l.startswith('  工作日志 ')][0]
    assert '█' in trend and '│' in trend
    p = site.juwei('report', 'monthly', '--month', MONTH, '--ascii',
                   check=True)
    assert not re.search('[▁▂▃▄▅▆▇█│]', p.stdout)
    assert '全部街道' in p.stdout.splitlines()[0]
    # a director: the committee, never the district
    p = site.juwei('report', 'monthly', '--month', MONTH, '--as', 'wang',
                   '--district', 'dongfeng')
    assert p.returncode == 1
    assert p.stderr == 'juwei: 居委会账户只能查看本居委会\n'
    p = site.juwei('report', 'monthly')
    assert p.returncode == 2
    p = site.juwei('report', 'monthly', '--month', '2099-01')
    assert p.returncode == 1 and '2099-01 尚未开始' in p.stderr


def test_backup_and_verify():
    site = make_site(language='en')
    copy = os.path.join(site.dir, 'backup.db')
    p = site.juwei('backup', copy, check=True)
    assert p.stdout.startswith('juwei: %s backed up to %s (' % (site.db, copy))
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
    p = site.juwei('verify', copy, check=True)
    assert p.stdout.startswith('%s: schema ' % copy)
    assert 'integrity ok; foreign keys ok' in p.stdout.splitlines()[0]
    assert re.search(r'^  records\s+3$', p.stdout, re.M)
    assert re.search(r'^  residents\s+1$', p.stdout, re.M)
    p = site.juwei('verify', check=True)        # the live database
    assert p.stdout.startswith('%s: schema ' % site.db)

    # A broken reference: exit 3 and what is wrong.
    con = sqlite3.connect(copy)
    con.execute("insert into visits (committee_id, date, staff_id,"
                " resident_id, purpose, created_at, updated_at) values"
                " ('hepingli', '2026-03-05', 1, 99, 'routine', 0, 0)")
    con.commit()
    con.close()
    p = site.juwei('verify', copy)
    assert p.returncode == 3
    assert 'foreign keys BROKEN' in p.stdout
    assert 'problem: visits row 1 refers to a missing residents row' in p.stdout
    assert p.stderr == 'juwei: %s is damaged: restore it from a backup\n' % copy

    # Not a database at all; nothing there; usage.
    junk = os.path.join(site.dir, 'junk.db')
    with open(junk, 'w') as f:
        f.write('hello\n' * 100)
    p = site.juwei('verify', junk)
    assert p.returncode == 1
    assert p.stderr == 'juwei: %s is not a juwei database\n' % junk
    p = site.juwei('backup', site.db)
    assert p.returncode == 1
    assert p.stderr == 'juwei: the backup cannot overwrite the database itself\n'
    assert site.juwei('backup').returncode == 2
    assert site.juwei('verify', 'a', 'b').returncode == 2


def test_backup_while_the_kiosk_writes():
    site = make_site(language='en')
    copy = os.path.join(site.dir, 'during.db')
    # Another process holds a write transaction while the backup runs.
    con = sqlite3.connect(site.db, timeout=10, isolation_level=None)
    con.execute('begin immediate')
    con.execute("insert into records (committee_id, staff_id, date, category,"
                " title, created_at, updated_at) values ('hepingli', 1,"
                " '2026-03-09', 'meeting', '未提交', 0, 0)")
    p = site.juwei('backup', copy)
    con.execute('commit')
    con.close()
    assert p.returncode == 0, p.stderr
    assert site.juwei('verify', copy).returncode == 0
    c = sqlite3.connect(copy)
    assert c.execute('select count(*) from records').fetchone()[0] == 3
    assert c.execute('pragma journal_mode').fetchone()[0] == 'delete'
    c.close()


run(globals())
