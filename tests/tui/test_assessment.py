"""test_assessment.py — the yearly assessment end to end, in Chinese: a
member fills peer sheets with the evidence beside them; the street office
opens a round, ticking who is assessed, enters the ballots and publishes;
the member sees their result; another member never sees the first
member's sheets; a site that scores by grades (优 良 中 差), where the
member picks grades from a list."""
import datetime
import re

from harness import Site, run, choose, back_home, ini_set, REPO_INI

YEAR = datetime.date.today().year
PASSWORD = 'secret-pass'


def add(site, login, name, role, committee=None, district=None):
    args = ['user', 'add', login, '--name', name, '--role', role,
            '--password-stdin']
    if committee:
        args += ['--committee', committee]
    if district:
        args += ['--district', district]
    site.juwei(*args, input=PASSWORD + '\n', check=True)


def people_site(ini=None):
    """东风街道: 和平里 (张主任, 李明, 王芳) and 光明 (赵强); 街道办小刘."""
    site = Site(ini_text=ini, init=True)
    add(site, 'jd', '街道办小刘', 'street', district='dongfeng')
    add(site, 'zhang', '张主任', 'director', committee='hepingli')
    add(site, 'li', '李明', 'staff', committee='hepingli')
    add(site, 'wang', '王芳', 'staff', committee='hepingli')
    add(site, 'zhao', '赵强', 'director', committee='guangming')
    return site


def sid(site, login):
    return site.value('select id from staff where login = ?', login)


def open_round(site, logins=('zhang', 'li', 'wang', 'zhao')):
    """This year's round of 东风街道, as the street office opens it."""
    site.sql("insert into assessment_rounds (id, district_id, year, status,"
             " created_at, updated_at) values (1, 'dongfeng', ?, 'open', 1, 1)",
             YEAR)
    for login in logins:
        site.sql("insert into assessment_subjects (round_id, staff_id,"
                 " committee_id, created_at, updated_at)"
                 " select 1, id, committee_id, 1, 1 from staff where login = ?",
                 login)


def subject(site, login):
    return site.value("select sub.id from assessment_subjects sub join staff s"
                      " on s.id = sub.staff_id where s.login = ?", login)


def sheet(site, scorer, about, source, de, neng, qin, ji):
    site.sql("insert into assessment_scores (round_id, subject_id,"
             " committee_id, source, scorer_id, de, neng, qin, ji, created_at,"
             " updated_at) select 1, sub.id, sub.committee_id, ?, ?, ?, ?, ?,"
             " ?, 1, 1 from assessment_subjects sub join staff s"
             " on s.id = sub.staff_id where s.login = ?",
             source, sid(site, scorer), de, neng, qin, ji, about)


GRADE_POINTS = {'优': 95, '良': 85, '中': 75, '差': 60}


def graded(site, scorer, about, source, de, neng, qin, ji):
    """A sheet as the core stores one in grades: each grade and its points."""
    g = (de, neng, qin, ji)
    site.sql("insert into assessment_scores (round_id, subject_id,"
             " committee_id, source, scorer_id, de, neng, qin, ji, de_grade,"
             " neng_grade, qin_grade, ji_grade, created_at, updated_at)"
             " select 1, sub.id, sub.committee_id, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
             " ?, 1, 1 from assessment_subjects sub join staff s"
             " on s.id = sub.staff_id where s.login = ?",
             source, sid(site, scorer), *[GRADE_POINTS[x] for x in g], *g,
             about)


def ballots(site, about, excellent, competent, incompetent):
    site.sql("insert into assessment_ballots (round_id, subject_id,"
             " committee_id, excellent, competent, incompetent, created_at,"
             " updated_at) select 1, sub.id, sub.committee_id, ?, ?, ?, 1, 1"
             " from assessment_subjects sub join staff s"
             " on s.id = sub.staff_id where s.login = ?",
             excellent, competent, incompetent, about)


def login(site, user):
    k = site.kiosk()
    k.wait_for('juwei 居委')
    k.send(user, 'Tab', PASSWORD, 'Enter')
    k.wait_for('考核')
    k.wait_quiet(150)                   # the home screen drawn whole
    return k


def peer_sheets(site, user, agenda=None):
    """`user` logged in (the home screen's `agenda` line checked first),
    on their peer sheets of the one open round, none filled yet."""
    k = login(site, user)
    if agenda:
        k.wait_for(agenda)
    choose(k, '考核')  # one round: straight to its menu
    k.wait_for('填写互评表')
    k.send('1')
    k.wait_for('已填 0/3')
    k.wait_for('王芳')
    return k


def peer_rows(site, scorer):
    return site.sql("select s.login, x.de, x.neng, x.qin, x.ji"
                    " from assessment_scores x"
                    " join assessment_subjects sub on sub.id = x.subject_id"
                    " join staff s on s.id = sub.staff_id"
                    " where x.source = 'peers' and x.scorer_id = ?"
                    " order by s.login", sid(site, scorer))


def test_member_fills_peer_sheets_in_chinese():
    site = people_site()
    open_round(site)
    # 张主任's year, as juwei holds it: shown beside the sheet.
    for day in ('-01-10', '-02-11'):
        site.sql("insert into records (committee_id, staff_id, date, category,"
                 " title, hours, created_at, updated_at) values"
                 " ('hepingli', ?, ?, 'meeting', '例会', 2, 1, 1)",
                 sid(site, 'zhang'), str(YEAR) + day)
    k = peer_sheets(site, 'li', agenda='考核：待填互评表 3 份')
    k.send('Enter')                     # 张主任, the first row
    k.wait_for('%d 年工作情况' % YEAR)
    k.wait_for('工作日志：2 条，4 小时')
    k.wait_for('张主任 · 和平里社区居委会')
    k.send('90', 'Tab', '85', 'Tab', '88', 'Tab', '92')
    k.wait_for('本表得分：89.40')      # .2×90 + .2×85 + .2×88 + .4×92
    k.send('C-s')
    k.wait_for('已填 1/3')
    assert peer_rows(site, 'li') == [('zhang', 90.0, 85.0, 88.0, 92.0)]

    # Out of range: refused next to the field, nothing saved.
    k.send('End', 'Enter')              # 王芳
    k.wait_for('王芳 · 和平里社区居委会')
    k.send('120', 'Tab', '80', 'Tab', '80', 'Tab', '80', 'F2')
    k.wait_for('应为 0 到 100')
    assert len(peer_rows(site, 'li')) == 1
    k.send('Up', 'Up', 'Up', 'C-u', '75', 'F2')
    k.wait_for('已填 2/3')
    assert peer_rows(site, 'li')[0] == ('wang', 75.0, 80.0, 80.0, 80.0)

    # Correcting a sheet changes it; it never makes a second one.
    k.send('Home', 'Enter')
    k.wait_for('本表得分：89.40')
    k.send('C-u', '95', 'C-s')
    k.wait_for('已填 2/3')
    assert peer_rows(site, 'li')[1] == ('zhang', 95.0, 85.0, 88.0, 92.0)
    assert site.value("select count(*) from assessment_scores"
                      " where scorer_id = ?", sid(site, 'li')) == 2
    # Two sheets and one correction, each audited.
    assert site.value("select count(*) from audit where tbl ="
                      " 'assessment_scores'") == 3
    k.send('F10')
    k.wait_for('填写互评表')
    back_home(k)
    k.wait_for('考核：待填互评表 1 份')


def test_street_enters_ballots_and_publishes_member_sees_result():
    site = people_site()
    open_round(site)
    # Each person's street evaluation and own peer sheet, flat, so the
    # total is 0.7 × that + 0.3 × the ballots.
    for who, x in (('zhao', 95), ('zhang', 92), ('li', 85), ('wang', 55)):
        sheet(site, 'jd', who, 'street', x, x, x, x)
        sheet(site, who, who, 'peers', x, x, x, x)
    k = login(site, 'jd')
    k.wait_for('考核：待录入考评或选票 4 项')
    choose(k, '考核')
    k.wait_for('%d 年度  东风街道办事处  进行中，4 人' % YEAR)
    k.send('Enter')
    k.wait_for('居民代表测评选票')
    k.send('2')
    k.wait_for('已录入 0/4')
    # By committee: 光明 (赵强) first, then 和平里 by name.
    votes = [('zhao', '10', '0', '0'), ('zhang', '8', '2', '0'),
             ('li', '5', '5', '0'), ('wang', '0', '2', '8')]
    for i, (who, e, c, n) in enumerate(votes):
        k.send('Enter')
        k.wait_for('居民代表测评：')
        k.send(e, 'Tab', c, 'Tab', n, 'F2')
        k.wait_for('已录入 %d/4' % (i + 1))
        k.send('Down')
    assert site.sql("select s.login, b.excellent, b.competent, b.incompetent"
                    " from assessment_ballots b join assessment_subjects sub"
                    " on sub.id = b.subject_id join staff s on s.id ="
                    " sub.staff_id order by s.login") == [
        ('li', 5, 5, 0), ('wang', 0, 2, 8), ('zhang', 8, 2, 0),
        ('zhao', 10, 0, 0)]
    k.send('F10')
    k.wait_for('发布并锁定')
    k.send('6')
    k.wait_for('发布东风街道办事处 %d 年度考核结果？' % YEAR)
    k.wait_for('未填互评表 6 份')
    k.send('y')
    k.wait_for('已发布，本次考核已锁定。')
    k.send('Enter')
    k.wait_for('已发布，已锁定')
    assert site.value("select status from assessment_rounds") == 'published'
    # 赵强 96.5, 张主任 93.2, 李明 86.5, 王芳 55.3; four people × 0.2 = no
    # 优秀 at all.
    assert site.sql("select s.login, sub.score, sub.grade, sub.rank"
                    " from assessment_subjects sub join staff s"
                    " on s.id = sub.staff_id order by sub.rank") == [
        ('zhao', 96.5, 'competent', 1), ('zhang', 93.2, 'competent', 2),
        ('li', 86.5, 'competent', 3), ('wang', 55.3, 'incompetent', 4)]
    assert '居民代表测评选票' not in k.screen_text()     # locked

    # The member sees their own result and rank.
    m = login(site, 'li')
    m.wait_gone('考核：待填互评表')
    choose(m, '考核')
    m.wait_for('我的考核结果')
    m.send('1')
    m.wait_for('总分 86.50')
    m.wait_for('等次：称职')
    m.wait_for('在东风街道办事处 4 人中排第 3 名')


def test_director_sees_the_committees_results_only():
    site = people_site()
    open_round(site)
    for i, (who, score, grade) in enumerate((
            ('zhao', 96.5, 'competent'), ('zhang', 93.2, 'competent'),
            ('li', 86.5, 'competent'), ('wang', 55.3, 'incompetent'))):
        site.sql("update assessment_subjects set score = ?, grade = ?,"
                 " rank = ? where id = ?", score, grade, i + 1,
                 subject(site, who))
    site.sql("update assessment_rounds set status = 'published',"
             " published_at = 1")
    k = login(site, 'zhang')
    choose(k, '考核')
    k.wait_for('本居委会考核结果')
    k.send('2')
    k.wait_for('%d 年度考核结果' % YEAR)
    k.wait_for('王芳')
    screen = k.screen_text()
    assert '93.20' in screen and '86.50' in screen and '不称职' in screen
    assert '赵强' not in screen and '96.50' not in screen


def test_another_member_cannot_see_the_first_members_sheets():
    site = people_site()
    open_round(site)
    sheet(site, 'li', 'wang', 'peers', 61, 62, 63, 64)
    sheet(site, 'li', 'zhang', 'peers', 71, 72, 73, 74)
    k = peer_sheets(site, 'wang', agenda='考核：待填互评表 3 份')
    text = k.screen_text()
    assert not re.search(r'6[1-4]|7[1-4]', text), text
    k.send('End', 'Enter')              # her own row: 李明 scored her 61…
    k.wait_for('王芳 · 和平里社区居委会')
    k.wait_for('本表得分：—')
    assert not re.search(r'6[1-4]|7[1-4]', k.screen_text())
    k.send('F10')
    k.wait_for('已填 0/3')
    k.send('F10')
    k.wait_for('填写互评表')
    # Nothing else on a member's menu while the round is open.
    assert '结果' not in k.screen_text() and '完成情况' not in k.screen_text()


def test_a_sheet_kept_when_the_link_drops():
    site = people_site()
    open_round(site)
    k = peer_sheets(site, 'li')
    k.send('Enter')
    k.wait_for('张主任 · 和平里社区居委会')
    k.send('88', 'Tab', '77')
    k.wait_for('77')
    k.close_pty()
    k.expect_exit()
    assert site.value("select count(*) from drafts where form = 'assessment'"
                      " and record_id = ?", subject(site, 'zhang')) == 1
    assert site.value("select count(*) from assessment_scores") == 0
    k = site.kiosk()
    k.wait_for('juwei 居委')
    k.send('li', 'Tab', PASSWORD, 'Enter')
    k.wait_for('考核评分表')
    k.send('y')
    k.wait_for('张主任 · 和平里社区居委会')
    k.wait_for('77')
    k.send('Tab', 'Tab', '66', 'Tab', '90', 'F2')
    k.wait_for('填写互评表')             # then on to the round
    assert peer_rows(site, 'li') == [('zhang', 88.0, 77.0, 66.0, 90.0)]
    assert site.value("select count(*) from drafts") == 0


def test_street_opens_a_round_ticking_who_is_assessed():
    site = people_site()
    k = login(site, 'jd')
    choose(k, '考核')
    k.wait_for('开始新一轮考核…')
    k.send('Enter')
    k.wait_for('开始考核：东风街道办事处')
    # Everyone active is ticked to begin with; 王芳 is unticked.
    k.send('Tab', 'Enter')
    k.wait_for('已选 4 ·')
    k.wait_for('[x] 王芳')
    k.send('王', 'Space')
    k.wait_for('[ ] 王芳')
    k.send('Enter')
    k.wait_gone('[ ] 王芳')
    k.wait_for('赵强  光明社区居委会、张主任')
    k.send('F2')
    k.wait_for('%d 年度  东风街道办事处  进行中，3 人' % YEAR)
    assert site.sql("select s.login from assessment_subjects sub join staff s"
                    " on s.id = sub.staff_id order by s.login") == [
        ('li',), ('zhang',), ('zhao',)]
    assert site.sql("select district_id, year, status from"
                    " assessment_rounds") == [('dongfeng', YEAR, 'open')]

    # People assessed, F5: only who is not assessed yet is offered.
    k.send('Enter')
    k.wait_for('发布并锁定')
    k.send('5')
    k.wait_for('%d 年度考核对象' % YEAR)
    k.wait_for('3 人')
    k.send('F5')
    k.wait_for('添加考核对象')
    k.wait_for('[ ] 王芳')
    assert '李明' not in k.screen_text()
    k.send('Space', 'Enter')
    k.wait_for('4 人')
    assert site.value("select count(*) from assessment_subjects sub"
                      " join staff s on s.id = sub.staff_id"
                      " where s.login = 'wang'") == 1


def test_grades_member_picks_grades_street_publishes():
    with open(REPO_INI, encoding='utf-8') as f:
        ini = ini_set(f.read(), 'assessment', 'scoring', 'grades')
    site = people_site(ini)
    open_round(site)
    # What the street office has in, and the other members' sheets:
    #   street        ballots   peers
    #   赵强 优优优优 95  10/0/0 100  self 优优优优 95      → 96.5
    #   张主任 良良良优 89  8/2/0 96  李明 (below) 优良良优 91 → 91.5
    #   李明 优良良优 91  5/5/0 90   王芳 良良良良 85      → 89.5
    #   王芳 中中差中 72  0/2/8 56   self 中中中中 75      → 67.8
    for who, street, votes, scorer, peer in (
            ('zhao', '优优优优', (10, 0, 0), 'zhao', '优优优优'),
            ('zhang', '良良良优', (8, 2, 0), None, None),
            ('li', '优良良优', (5, 5, 0), 'wang', '良良良良'),
            ('wang', '中中差中', (0, 2, 8), 'wang', '中中中中')):
        graded(site, 'jd', who, 'street', *street)
        ballots(site, who, *votes)
        if scorer:
            graded(site, scorer, who, 'peers', *peer)

    k = peer_sheets(site, 'li')
    k.send('Enter')                     # 张主任
    k.wait_for('张主任 · 和平里社区居委会')
    k.wait_for('优 95 · 良 85 · 中 75 · 差 60')
    # 德: Enter opens the list; 优 finds it, Enter takes it and moves on.
    k.send('Enter')
    k.wait_for('德：选择等次')
    k.wait_for('差（60 分）')
    k.send('优', 'Enter')
    k.wait_gone('德：选择等次')
    # 能 and 勤: typing the grade opens the list on it.
    k.send('良')
    k.wait_for('能：选择等次')
    k.send('Enter')
    k.send('良')
    k.wait_for('勤：选择等次')
    k.send('Enter')
    k.send('Enter')
    k.wait_for('绩：选择等次')
    k.send('优', 'Enter')
    k.wait_for('本表得分：91.00')      # .2×95 + .2×85 + .2×85 + .4×95
    assert site.value("select count(*) from assessment_scores"
                      " where scorer_id = ?", sid(site, 'li')) == 0
    k.send('F2')
    k.wait_for('已填 1/3')
    k.wait_for('优    良    良    优')
    assert site.sql("select de_grade, neng_grade, qin_grade, ji_grade, de,"
                    " neng, qin, ji from assessment_scores"
                    " where scorer_id = ?", sid(site, 'li')) == [
        ('优', '良', '良', '优', 95.0, 85.0, 85.0, 95.0)]

    s = login(site, 'jd')
    choose(s, '考核')
    s.wait_for('%d 年度  东风街道办事处  进行中，4 人' % YEAR)
    s.send('Enter')
    s.wait_for('发布并锁定')
    s.send('6')
    s.wait_for('未填互评表')
    s.send('y')
    s.wait_for('已发布，本次考核已锁定。')
    # Four people × 0.2: no 优秀 at all, so 赵强 and 张主任 are 称职 too.
    assert site.sql("select s.login, sub.score, sub.grade, sub.rank"
                    " from assessment_subjects sub join staff s"
                    " on s.id = sub.staff_id order by sub.rank") == [
        ('zhao', 96.5, 'competent', 1), ('zhang', 91.5, 'competent', 2),
        ('li', 89.5, 'competent', 3), ('wang', 67.8, 'competent', 4)]

    m = login(site, 'li')
    choose(m, '考核')
    m.wait_for('我的考核结果')
    m.send('1')
    m.wait_for('总分 89.50')
    m.wait_for('等次：称职')
    m.wait_for('在东风街道办事处 4 人中排第 3 名')


run(globals())
