"""test_leave.py — leave in the kiosk, end to end: a staff member asks for
two and a half days of annual leave across a public holiday and sees the
count, the director approves it, the staff member reports back a day early
and sees the day given back, a director's own request goes to the street
office and not to a director, who is out, a refusal, and the form in
Chinese.

The working calendar is written for the days around today, so the tests
hold whatever day they run: F is a Monday 10 to 16 days ago, F+1 a public
holiday, and the leave runs from F afternoon to F+3 (Thursday) afternoon:
0.5 + 0 + 1 + 1 = 2.5 working days."""
import datetime
import re

from harness import REPO_INI, Site, ini_set, run, choose as menu, back_home

TODAY = datetime.date.today()
F = TODAY - datetime.timedelta(days=10)
F -= datetime.timedelta(days=F.weekday())
HOLIDAY = F + datetime.timedelta(days=1)
THU = F + datetime.timedelta(days=3)
# a Monday next week or the week after, for leave still to come
NEXT = TODAY + datetime.timedelta(days=7 + (7 - TODAY.weekday()) % 7)


def iso(d):
    return d.isoformat()


def site_ini(language='en'):
    """The sample INI with a calendar around today: F+1 a holiday."""
    with open(REPO_INI, encoding='utf-8') as f:
        text = f.read()
    text = re.sub(r'\[calendar\.\d+\][^\[]*', '', text)
    for year in range(min(F.year, TODAY.year), NEXT.year + 2):
        days = {datetime.date(year, 1, 1)}
        if HOLIDAY.year == year:
            days.add(HOLIDAY)
        text += '\n[calendar.%d]\nholidays = %s\n' % (
            year, ', '.join(iso(d) for d in sorted(days)))
    return ini_set(text, 'site', 'language', language)


def leave_site(language='en'):
    site = Site(ini_text=site_ini(language), init=True)
    for login, name, role, where in [
            ('li', '李梅', 'staff', ('--committee', 'hepingli')),
            ('zhang', '张强', 'staff', ('--committee', 'hepingli')),
            ('wang', '王主任', 'director', ('--committee', 'hepingli')),
            ('zhou', '周主任', 'director', ('--committee', 'guangming')),
            ('sun', '孙街道', 'street', ('--district', 'dongfeng'))]:
        site.juwei('user', 'add', login, '--name', name, '--role', role,
                   *where, '--password-stdin', input='secret-pass\n',
                   check=True)
    return site


def login(site, user, home='Main menu', **kw):
    k = site.kiosk(**kw)
    k.wait_for('Login' if home == 'Main menu' else re.compile('Login|登录|用户'))
    k.send(user, 'Tab', 'secret-pass', 'Enter')
    k.wait_for(home)
    return k



def pick_annual(k):
    """Picks 年休假 as the type in the open request form."""
    k.send('annual')
    k.wait_for('年休假')
    k.send('Enter')
    k.wait_until(lambda: '年休假' in k.row(2))


def new_request(k):
    """From the main menu to an empty request form."""
    menu(k, 'My leave')
    k.wait_for('Type')
    k.send('F5')
    k.wait_for('Leave type')


def request_annual(k, first, first_half, last, last_half, reason='回老家',
                   send=True):
    """Fills the request form (already open) and presses F2 (unless
    `send` is false)."""
    pick_annual(k)
    k.send(iso(first), 'Tab')
    if first_half == 'pm':
        k.send('1')                      # filters the pick-list to afternoon
        k.wait_for('afternoon')
        k.send('Enter')
        k.wait_until(lambda: 'afternoon' in k.row(6))
    else:
        k.send('Tab')
    k.send(iso(last), 'Tab')
    if last_half == 'am':
        k.send('0')
        k.wait_for('morning')
        k.send('Enter')
        k.wait_until(lambda: 'morning' in k.row(10))
    else:
        k.send('Tab')
    k.send(reason)
    if send:
        k.send('F2')


def staff_requests(site):
    """李梅 asks for F afternoon to Thursday afternoon; returns the kiosk."""
    k = login(site, 'li')
    new_request(k)
    request_annual(k, F, 'pm', THU, 'pm')
    k.wait_for('Send the request?')
    return k


def director_approves(site):
    k = login(site, 'wang')
    menu(k, 'Leave waiting for your approval: 1')   # a "What needs me" line
    k.wait_for('Leave — waiting for me')
    k.wait_for('李梅')
    k.send('Enter')
    k.wait_for('Leave of 李梅')
    k.wait_for('2.5 days')
    k.send('F2')
    k.wait_for('Approve: 李梅')
    k.send('同意，注意安全', 'F2')
    k.wait_for(re.compile(r'Status\s+approved'))
    return k


def test_request_across_a_holiday_shows_the_count():
    site = leave_site()
    k = login(site, 'li')
    new_request(k)
    request_annual(k, F, 'pm', THU, 'pm', send=False)
    # the line under the fields, before anything is sent
    k.wait_for('Working days: 2.5 · 年休假 left in %d after it: 2.5 of 5 days'
               % F.year)
    k.send('F2')
    k.wait_for('Send the request?')
    screen = k.screen_text()
    assert '2.5 days on the working calendar' in screen
    assert 'Left of 年休假 this year after it: 2.5 of 5 days' in screen
    assert "Decided by the committee's director." in screen
    k.send('Enter')
    k.wait_for('waiting: director')
    r, _ = k.wait_for('年休假')
    assert '2.5' in k.row(r)
    assert site.sql('select type, from_date, from_half, to_date, to_half,'
                    ' halves, status, route, reason from leave') == [
        ('annual', iso(F), 1, iso(THU), 1, 5, 'pending', 'director', '回老家')]
    assert site.value("select count(*) from audit where tbl = 'leave'"
                      " and action = 'request'") == 1


def test_director_approves_and_the_requester_is_told():
    site = leave_site()
    k = staff_requests(site)
    k.send('Enter')
    k.wait_for('waiting: director')
    k.send('F10')
    k.wait_for('Main menu')
    k.send('F10')
    k.wait_for('Log out now?')
    k.send('Enter')
    k.wait_for('Login')
    d = director_approves(site)
    d.send('F10')
    d.wait_for('Nothing to show.')
    assert site.sql('select l.status, s.login, l.comment from leave l'
                    ' join staff s on s.id = l.approver_id') == [
        ('approved', 'wang', '同意，注意安全')]
    assert site.value('select count(*) from leave_steps') == 1
    # 李梅 sees the decision, and that the leave has ended without 销假
    k.send('li', 'Tab', 'secret-pass', 'Enter')
    k.wait_for('My leave: 1 approved · 1 ended: report back (销假)')


def test_report_back_a_day_early_gives_the_day_back():
    site = leave_site()
    k = staff_requests(site)
    k.send('Enter')
    k.wait_for('waiting: director')
    director_approves(site)
    k.send('Enter')
    k.wait_for('Leave of 李梅')
    k.wait_for('Return')
    k.send('F6')
    k.wait_for('Back on')
    k.send('C-u', iso(THU), 'F2')        # back on Thursday morning
    k.wait_for('Report back now?')
    screen = k.screen_text()
    assert 'Back at work on %s morning.' % iso(THU) in screen
    assert '1.5 days of leave taken. 1 day given back to your balance.' in screen
    k.send('Enter')
    k.wait_for(re.compile(r'Back \(销假\)\s+%s morning; 1.5 days taken' % iso(THU)))
    k.wait_for('1 day given back to the balance')
    k.send('F10')
    k.wait_for('back early, 1 day returned')
    assert site.sql('select status, returned_date, returned_half, used_halves,'
                    ' late_halves from leave') == [
        ('returned', iso(THU), 0, 3, 0)]
    # the balance: 5 days, 1.5 taken
    k.send('F6')
    k.wait_for('My leave balance %d' % TODAY.year)
    if F.year != TODAY.year:
        k.send('PgUp')
        k.wait_for('My leave balance %d' % F.year)
    # any row: the list this screen replaced had 年休假 on another row
    k.wait_until(lambda: ['年休假', '5', '1.5', '0', '3.5'] in
                 [k.row(r).split() for r in range(24)],
                 what='年休假: quota 5, taken 1.5, waiting 0, left 3.5')


def test_a_directors_request_goes_to_the_street_office():
    site = leave_site()
    k = login(site, 'wang')
    new_request(k)
    request_annual(k, NEXT, 'am', NEXT, 'pm', reason='参加培训')
    k.wait_for('Send the request?')
    assert 'Decided by the street office.' in k.screen_text()
    k.send('Enter')
    k.wait_for('waiting: street office')
    assert site.sql('select route, halves from leave') == [('street', 2)]
    # not waiting for this director, nor for another one of the district
    back_home(k)
    k.wait_for('Main menu')
    assert 'waiting for your approval' not in k.screen_text()
    menu(k, 'Leave approvals')
    k.wait_for('Leave — waiting for me')
    k.wait_for('Nothing to show.')
    z = login(site, 'zhou')
    assert 'waiting for your approval' not in z.screen_text()
    # the street office has it and approves it
    s = login(site, 'sun')
    menu(s, 'Leave waiting for your approval: 1')
    s.wait_for('王主任')
    s.send('Enter')
    s.wait_for('Leave of 王主任')
    s.send('F2')
    s.wait_for('Approve: 王主任')
    s.send('F2')
    s.wait_for(re.compile(r'Status\s+approved'))
    assert site.sql('select l.status, s.login from leave l'
                    ' join staff s on s.id = l.approver_id') == [
        ('approved', 'sun')]


def test_marked_requests_are_approved_together():
    site = leave_site()
    for user in ('li', 'zhang'):
        k = login(site, user)
        new_request(k)
        request_annual(k, NEXT, 'am', NEXT, 'am')
        k.wait_for('Send the request?')
        k.send('Enter')
        k.wait_for('waiting: director')
    d = login(site, 'wang')
    menu(d, 'Leave waiting for your approval: 2')
    d.wait_for('张强')
    d.send('F6')
    d.wait_for('1 marked')
    d.send('Down', 'F6')
    d.wait_for('2 marked')
    d.send('F7')
    d.wait_for('Approve: 2 requests')
    d.send('F2')
    d.wait_for('Nothing to show.')
    assert site.sql('select status from leave') == [('approved',), ('approved',)]


def test_who_is_out_marks_the_leave():
    site = leave_site()
    k = staff_requests(site)
    k.send('Enter')
    k.wait_for('waiting: director')
    director_approves(site)
    d = login(site, 'wang')
    menu(d, 'Who is out')
    d.wait_for('Who is out')
    # from this half-month back to F's
    page = lambda day: (day.year * 12 + day.month) * 2 + (day.day > 16)
    for _ in range(page(TODAY) - page(F)):
        d.send('Left')
    first = 1 if F.day <= 16 else 17
    d.wait_for('%04d-%02d, days %d' % (F.year, F.month, first))
    r, _ = d.wait_for('李梅')
    x = 1 + 14 + (F.day - first) * 4
    d.wait_until(lambda: d.cell_text(r, x + 2, 2) == '年', what='the mark')
    d.wait_quiet()
    assert d.cell_text(r, x, 2) != '年'          # the morning is worked
    assert d.cell_text(r, x + 2, 2) == '年'      # the afternoon is not
    marked = lambda cell: cell.reverse or cell.bg != 'default'
    assert marked(d.cell(r, x + 2))              # approved: highlighted
    assert not marked(d.cell(r, x))
    if HOLIDAY.month == F.month and (HOLIDAY.day > 16) == (F.day > 16):
        hx = x + 4
        assert d.cell_text(3, hx + 1, 3) == 'off'
        assert d.cell_text(r, hx, 4) == ' -- '


def test_zero_working_days_is_refused_in_the_form():
    site = leave_site()
    k = login(site, 'li')
    new_request(k)
    sat = NEXT - datetime.timedelta(days=2)
    request_annual(k, sat, 'am', sat + datetime.timedelta(days=1), 'pm')
    k.wait_for('there is no working day from %s morning' % iso(sat))
    assert site.value('select count(*) from leave') == 0


def test_a_dropped_link_keeps_the_request_as_a_draft():
    site = leave_site()
    k = login(site, 'li')
    new_request(k)
    pick_annual(k)
    k.send(iso(NEXT), 'Tab', 'Tab', iso(NEXT))
    k.wait_until(lambda: iso(NEXT) in k.row(8))
    k.close_pty()
    k.expect_exit()
    assert site.value("select form from drafts") == 'leave'
    k = login(site, 'li', home='Unsaved form')
    k.send('Enter')
    k.wait_for('Leave type')
    k.wait_until(lambda: '年休假' in k.row(2) and iso(NEXT) in k.row(4)
                 and iso(NEXT) in k.row(8))
    # counted from the draft's values before any key
    k.wait_for('Working days: 1 · 年休假 left in %d after it: 4 of 5 days'
               % NEXT.year)
    k.send('F2')
    k.wait_for('Send the request?')
    assert '1 day on the working calendar' in k.screen_text()
    k.send('Enter')
    k.wait_for('waiting: director')
    assert site.sql('select from_date, halves from leave') == [(iso(NEXT), 2)]


INFO_ROW = 17        # the form's info line: under the last field (row 15)


def info_line(k):
    """The request form's info line, its two rows joined (wrapped at a
    space in English)."""
    return ' '.join(k.row(r).strip() for r in (INFO_ROW, INFO_ROW + 1)).strip()


def test_the_count_follows_the_dates_as_they_are_typed():
    """Chinese: the dates typed one key at a time; the count and the
    balance appear under the fields as soon as the last day is whole,
    with the cursor still in that field, and follow a half-day pick."""
    site = leave_site(language='zh')
    k = login(site, 'li', home='首页')
    menu(k, '我的请假')
    k.wait_for('剩余')
    k.send('F5')
    k.wait_for('请假类型')
    k.wait_for('选好请假类型、填好起止日期后，即显示工作日天数。')
    pick_annual(k)
    for ch in iso(F):
        k.send(ch)
    k.wait_until(lambda: iso(F) in k.row(4))
    k.send('Tab', '1')
    k.wait_for('下午')
    k.send('Enter')
    k.wait_until(lambda: '下午' in k.row(6))
    assert '即显示工作日天数' in k.row(INFO_ROW)      # no last day yet
    last = iso(THU)
    for ch in last[:-1]:
        k.send(ch)
    k.wait_until(lambda: last[:-1] in k.row(8))
    k.wait_quiet()
    assert '工作日 2.5 天' not in k.screen_text()      # not that day yet
    k.send(last[-1])
    k.wait_for('工作日 2.5 天 · 本次请假后年休假（%d 年）剩余 2.5 天，全年 5 天'
               % F.year)
    # counted without leaving the field: the cursor is still in it
    k.wait_until(lambda: k.cursor() == (8, k.find(last)[1] + len(last)),
                 what='the cursor after the last day typed')
    assert k.find('工作日')[0] == INFO_ROW
    # back after lunch on the last day: half a day less
    k.send('Tab', '0')
    k.wait_for('上午')
    k.send('Enter')
    k.wait_until(lambda: '上午' in k.row(10))
    k.wait_for('工作日 2 天 · 本次请假后年休假（%d 年）剩余 3 天，全年 5 天'
               % F.year)
    assert site.value('select count(*) from leave') == 0
    k.send('回老家', 'F2')
    k.wait_for('确定提交')
    assert '工作日共 2 天' in k.screen_text()
    k.send('Enter')
    k.wait_for('待主任审批')
    assert site.sql('select type, from_date, from_half, to_date, to_half,'
                    ' halves, status from leave') == [
        ('annual', iso(F), 1, iso(THU), 0, 4, 'pending')]


def test_the_line_says_what_sending_would_refuse():
    # a Monday whose next eight days stay in its year, away from 1 January
    w = NEXT
    while (w + datetime.timedelta(days=8)).year != w.year or w.month == 1:
        w += datetime.timedelta(days=7)
    site = leave_site()
    k = login(site, 'li')
    new_request(k)
    pick_annual(k)
    k.send(iso(w), 'Tab', 'Tab', iso(w - datetime.timedelta(days=7)))
    k.wait_for('the leave ends before it starts')
    # six working days: more than the five of the year
    k.send('C-u', iso(w + datetime.timedelta(days=7)))
    want = ('Working days: 6 · 年休假: 5 days a year, 5 left in %d; this '
            'request takes 6' % w.year)
    k.wait_until(lambda: info_line(k) == want, what=want)
    k.send('C-u', iso(w + datetime.timedelta(days=1)))
    k.wait_for('Working days: 2 · 年休假 left in %d after it: 3 of 5 days'
               % w.year)
    # a type without a quota says so
    k.send('BTab', 'BTab', 'BTab', 'maternity')
    k.wait_for('产假')
    k.send('Enter')
    k.wait_for('Working days: 2 · 产假 has no yearly quota')
    assert site.value('select count(*) from leave') == 0


def test_request_in_chinese():
    site = leave_site(language='zh')
    k = site.kiosk()
    k.wait_for(re.compile('Login|登录'))
    k.send('li', 'Tab', 'secret-pass', 'Enter')
    menu(k, '我的请假')
    k.wait_for('剩余')
    k.send('F5')
    k.wait_for('请假类型')
    k.send('annual')
    k.wait_for('年休假')
    k.send('Enter')
    k.send(iso(F), 'Tab', '1')
    k.wait_for('下午')
    k.send('Enter')
    k.wait_until(lambda: '下午' in k.row(6))
    k.send(iso(THU), 'Tab', 'Tab', '回老家', 'F2')
    k.wait_for('确定提交')
    assert '工作日共 2.5 天' in k.screen_text()
    k.send('Enter')
    k.wait_for('待主任审批')


run(globals())
