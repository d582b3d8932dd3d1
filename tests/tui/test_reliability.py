"""test_reliability.py — the kiosk under real trouble: a dropped link with a
form half filled (SIGHUP, and separately the pty closed), the database's
disk filling up or going read-only while saving, text carrying terminal
escape sequences, SQL metacharacters and NUL bytes typed into forms and
given to the command line, and the idle lock.

Forms are the accounts screen's "New account" form, which keeps drafts.
Labels are English ([site] language = en); the data is Chinese.

The disk tests mount a small tmpfs, or an ext4 image on a loop device
mounted errors=remount-ro (Debian's choice for its root file system) whose
error the kernel is asked to raise; they need root and say "skip" with the
reason when they cannot mount.
"""
import os
import re
import shutil
import signal
import subprocess
import tempfile

from harness import Site, choose, ini_get, ini_set, run, skip

PASSWORD = 'secret-pass'
ESCAPES = '\x1b[2J\x1b]0;pwned\x07'


def english_site(**kw):
    site = Site(**kw)
    with open(site.ini, encoding='utf-8') as f:
        text = f.read()
    site.write_ini(ini_set(text, 'site', 'language', 'en'))
    return site


def add_admin(site):
    site.juwei('user', 'add', 'admin', '--role', 'admin', '--name', '管理员',
               '--password-stdin', input=PASSWORD + '\n', check=True)


def admin_site():
    site = english_site(init=True)
    add_admin(site)
    return site


def login(site, user='admin', pw=PASSWORD, **kw):
    k = site.kiosk(**kw)
    k.wait_for('Login')
    k.send(user, 'Tab', pw, 'Enter')
    k.wait_for('Main menu')
    return k


def new_account_form(k):
    choose(k, 'Accounts')
    k.wait_for('Committee / distr')
    k.send('F5')
    k.wait_for('New account')
    k.wait_until(lambda: k.cursor()[0] == 2, what='the cursor in Login')


def fill_half(k, login='zhangsan', name='张三丰'):
    """Login, name, role and committee; the passwords left empty."""
    k.send(login, 'Tab', name, 'Tab')
    k.wait_until(lambda: k.cursor()[0] == 6, what='the cursor on Role')
    k.send('Enter')                   # the role list opens on Staff
    k.wait_for('Street office')
    k.send('Enter')                   # Staff; on to Committee
    k.wait_gone('Street office')
    k.send('Enter')                   # the committee list
    k.wait_for('光明社区居委会')
    k.send('和平')                    # type to filter
    k.wait_gone('光明社区居委会')
    k.send('Enter')
    k.wait_for('和平里社区居委会')
    k.wait_until(lambda: k.cursor()[0] == 10, what='the cursor on District')


def fill_passwords(k):
    k.send('Tab', PASSWORD, 'Tab', PASSWORD)
    k.wait_until(lambda: k.cursor()[0] == 14, what='the cursor on Again')


def draft_values(site):
    rows = site.sql("select form, json(vals) from drafts")
    assert len(rows) == 1, rows
    import json
    return rows[0][0], json.loads(rows[0][1])


# ---------------------------------------------------------------- dropped link

def check_draft_comes_back(site):
    form, vals = draft_values(site)
    assert form == 'account'
    assert vals == {'login': 'zhangsan', 'name': '张三丰', 'role': 'staff',
                    'committee_id': 'hepingli', 'district_id': ''}, vals
    # passwords are never kept
    assert PASSWORD not in str(site.sql("select vals from drafts"))
    k = site.kiosk()
    k.wait_for('Login')
    k.send('admin', 'Tab', PASSWORD, 'Enter')
    k.wait_for('Unsaved form')
    k.wait_for('New account')
    k.send('Enter')                   # yes, open it again
    k.wait_for('zhangsan')
    k.wait_for('张三丰')
    k.wait_for('和平里社区居委会')
    k.wait_until(lambda: k.find('Staff') is not None, what='the role')
    # it is a real form: finish and save it
    k.send('Up', 'Up', 'Up', 'Up', 'Up')
    k.wait_until(lambda: k.cursor()[0] == 2, what='the cursor back on Login')
    k.send('Down', 'Down', 'Down', 'Down')
    k.wait_until(lambda: k.cursor()[0] == 10, what='the cursor on District')
    fill_passwords(k)
    k.send('F2')
    k.wait_gone('New account')
    k.wait_for(re.compile(r'zhangsan +张三丰'))
    assert site.sql("select name, committee_id, role from staff where"
                    " login = 'zhangsan'") == [('张三丰', 'hepingli', 'staff')]
    assert site.value("select count(*) from drafts") == 0
    k.send('F10')
    k.wait_for('Main menu')


def test_hangup_keeps_the_half_filled_form():
    site = admin_site()
    k = login(site)
    new_account_form(k)
    fill_half(k)
    k.signal(signal.SIGHUP)
    assert k.expect_exit() == 0
    check_draft_comes_back(site)


def test_closed_pty_keeps_the_half_filled_form():
    site = admin_site()
    k = login(site)
    new_account_form(k)
    fill_half(k)
    k.close_pty()
    assert k.expect_exit() == 0
    check_draft_comes_back(site)


# ---------------------------------------------------------------- disks

def need_root(what):
    if os.geteuid() != 0:
        skip('%s needs root to mount a file system' % what)


def mount(args, what):
    p = subprocess.run(['mount'] + args, capture_output=True, text=True)
    if p.returncode != 0:
        skip('cannot mount %s: %s' % (what, p.stderr.strip()))


def move_site_to(site, disk):
    """Puts the site's database on `disk` (already mounted), made anew."""
    site.db = os.path.join(disk, 'juwei.db')
    with open(site.ini, encoding='utf-8') as f:
        site.write_ini(f.read())
    site.juwei('init', check=True)
    add_admin(site)


def fill_disk(path):
    """Writes `path` until the file system is full."""
    with open(path, 'wb', buffering=0) as f:
        block = b'x' * 65536
        while True:
            try:
                f.write(block)
            except OSError:
                break
        while True:
            try:
                f.write(b'x')
            except OSError:
                break


def dialog_text(k):
    """The screen as one line: a message wrapped in a box reads whole."""
    return re.sub(r'\s+', ' ', k.screen_text().replace('│', ' '))


def save_refused(k, message):
    k.send('F2')
    k.wait_for('Not saved')
    k.wait_until(lambda: message in dialog_text(k), what=repr(message))
    k.send('Enter')
    k.wait_gone('Not saved')
    # the form is still open, with what was typed
    k.wait_for('New account')
    for value in ('zhangsan', '张三丰', '和平里社区居委会'):
        k.wait_for(value)
    # the password fields kept their characters
    k.wait_for(re.compile(r'Again \* +\*{%d}\n' % len(PASSWORD)))


def undamaged(site, accounts):
    assert site.value('pragma integrity_check') == 'ok'
    assert sorted(r[0] for r in site.sql('select login from staff')) == accounts


def test_full_disk_keeps_the_form_and_saves_later():
    need_root('the full-disk test')
    site = english_site()
    disk = os.path.join(site.dir, 'disk')
    os.mkdir(disk)
    mount(['-t', 'tmpfs', '-o', 'size=3m,mode=0700', 'tmpfs', disk],
          'a small tmpfs')
    k = None
    try:
        move_site_to(site, disk)
        k = login(site)
        new_account_form(k)
        fill_half(k)
        fill_passwords(k)
        # an empty journal, so that the save needs new space
        site.sql('pragma wal_checkpoint(truncate)')
        filler = os.path.join(disk, 'filler')
        fill_disk(filler)
        save_refused(k, 'the disk is full; nothing was saved')
        undamaged(site, ['admin'])
        # space again: the same form saves
        os.unlink(filler)
        k.send('F2')
        k.wait_for(re.compile(r'zhangsan +张三丰'))
        undamaged(site, ['admin', 'zhangsan'])
        assert site.value("select name from staff where login = 'zhangsan'") \
            == '张三丰'
        k.signal(signal.SIGTERM)
        assert k.expect_exit() == 0
    finally:
        if k is not None and k.alive():
            k.signal(signal.SIGKILL)
            k.expect_exit()
        subprocess.run(['umount', '-l', disk], capture_output=True)


def losetup(image):
    p = subprocess.run(['losetup', '-f', '--show', image], capture_output=True,
                       text=True)
    if p.returncode != 0:
        skip('no loop device: %s' % p.stderr.strip())
    return p.stdout.strip()


def test_read_only_disk_keeps_the_form():
    need_root('the read-only-disk test')
    if shutil.which('mkfs.ext4') is None:
        skip('mkfs.ext4 (e2fsprogs) is not installed')
    site = english_site()
    disk = os.path.join(site.dir, 'disk')
    image = os.path.join(site.dir, 'ext4.img')
    os.mkdir(disk)
    with open(image, 'wb') as f:
        f.truncate(16 << 20)
    subprocess.run(['mkfs.ext4', '-q', '-F', image], check=True,
                   capture_output=True)
    dev = losetup(image)
    k = None
    try:
        mount(['-o', 'errors=remount-ro', dev, disk], 'an ext4 image')
        move_site_to(site, disk)
        k = login(site)
        new_account_form(k)
        fill_half(k)
        fill_passwords(k)
        # the kernel finds an error on the disk and makes it read-only
        with open('/sys/fs/ext4/%s/trigger_fs_error' % os.path.basename(dev),
                  'w') as f:
            f.write('juwei test\n')
        save_refused(k, 'the disk holding the database has become read-only;'
                        ' nothing was saved (tell the administrator)')
        # reading still works: the accounts list is there
        k.send('Esc')
        k.wait_for('Leave and lose them?')
        k.send('y')
        k.wait_for(re.compile(r'admin +管理员'))
        k.signal(signal.SIGTERM)
        k.expect_exit()
        # The administrator checks the disk and mounts it again: what was
        # saved before is whole, and saving works.
        subprocess.run(['umount', disk], check=True)
        subprocess.run(['losetup', '-d', dev], check=True)
        subprocess.run(['e2fsck', '-fy', image], capture_output=True)
        dev = losetup(image)
        mount(['-o', 'errors=remount-ro', dev, disk], 'the ext4 image again')
        undamaged(site, ['admin'])
        site.juwei('user', 'add', 'lisi', '--name', '李四', '--committee',
                   'hepingli', '--password-stdin', input=PASSWORD + '\n',
                   check=True)
        undamaged(site, ['admin', 'lisi'])
    finally:
        if k is not None and k.alive():
            k.signal(signal.SIGKILL)
            k.expect_exit()
        subprocess.run(['umount', '-l', disk], capture_output=True)
        subprocess.run(['losetup', '-d', dev], capture_output=True)


# ---------------------------------------------------------------- hostile text

def never_raw(k):
    """The injected sequences never reached the terminal as such."""
    raw = k.raw()
    assert b'\x1b]0;pwned' not in raw
    assert b'pwned\x07' not in raw
    assert b'\x1b[2J\x1b]' not in raw


def test_escape_sequences_never_reach_the_terminal():
    site = admin_site()
    # The command line refuses such a name outright, without echoing it.
    p = site.juwei('user', 'add', 'evil', '--name', '王' + ESCAPES,
                   '--committee', 'hepingli', '--password-stdin',
                   input=PASSWORD + '\n')
    assert p.returncode == 1
    assert p.stderr == 'juwei: Name must be one line without control ' \
                       'characters\n'
    assert '\x1b' not in p.stderr
    assert site.value("select count(*) from staff where login = 'evil'") == 0
    # An outside tool (an old import, the sqlite3 shell) puts one in anyway,
    # for an account that logs in, and in a draft.
    site.sql("insert into staff (login, name, committee_id, district_id,"
             " role, password_hash, created_at, updated_at)"
             " select 'evil', ?, 'hepingli', 'dongfeng', 'staff',"
             " password_hash, 0, 0 from staff where login = 'admin'",
             '王' + ESCAPES)
    site.sql("insert into drafts (staff_id, form, vals, saved_at)"
             " select id, 'account', json_object('login', 'x', 'name', ?,"
             " 'role', 'staff'), 0 from staff where login = 'admin'",
             '李' + ESCAPES)
    # Its owner logs in: the name is in the title and on the home screen.
    k = login(site, user='evil')
    k.wait_for(']0;pwned')
    assert k.find('王')
    never_raw(k)
    k.send('F10')
    k.wait_for('Log out now?')
    k.send('Enter')
    k.wait_for('Login')
    # The administrator: the draft comes back in a form, the name in the
    # accounts list.
    k.send('admin', 'Tab', PASSWORD, 'Enter')
    k.wait_for('Unsaved form')
    k.send('Enter')
    k.wait_for('New account')
    k.wait_for(re.compile(r'Name \* +李\n'))   # the editor drops the sequences
    assert k.find('pwned') is None
    never_raw(k)
    k.send('Esc')
    k.wait_for('Leave and lose them?')
    k.send('y')
    k.wait_for('Committee / distr')
    k.wait_for(']0;pwned')
    never_raw(k)
    k.send('F10')
    k.wait_for('Main menu')
    never_raw(k)


def test_sql_metacharacters_and_nul_in_a_form():
    site = admin_site()
    tables = site.value("select count(*) from sqlite_schema")
    k = login(site)
    new_account_form(k)
    k.send('quote')
    k.send('Tab')
    # a NUL byte typed (Ctrl-@) is no character; quotes and semicolons are
    k.type("O'Brien\x00\"; DROP TABLE staff;--")
    k.send('Tab')
    k.wait_until(lambda: k.cursor()[0] == 6, what='the cursor on Role')
    k.send('Enter')
    k.wait_for('Street office')
    k.send('Enter')
    k.wait_gone('Street office')
    k.send('Enter')
    k.wait_for('光明社区居委会')
    k.send('Enter')
    k.wait_until(lambda: k.cursor()[0] == 10, what='the cursor on District')
    fill_passwords(k)
    k.send('F2')
    k.wait_for(re.compile(r'quote +O'))
    assert site.value("select name from staff where login = 'quote'") == \
        "O'Brien\"; DROP TABLE staff;--"
    assert site.value("select count(*) from sqlite_schema") == tables
    assert site.value("select count(*) from staff") == 2
    # and finding it by that text finds it
    k.send('F3')
    k.wait_for('Find accounts')
    k.send("'Brien\";", 'F2')
    k.wait_for('1 found')
    k.wait_for(re.compile(r'quote +O'))


def test_sql_metacharacters_through_the_command_line():
    site = admin_site()
    tables = site.value("select count(*) from sqlite_schema")
    name = "'); DELETE FROM audit; --\"%_\\"
    site.juwei('user', 'add', 'quote', '--name', name, '--committee',
               'hepingli', '--password-stdin', input=PASSWORD + '\n',
               check=True)
    assert site.value("select name from staff where login = 'quote'") == name
    p = site.juwei('user', 'list', check=True)
    assert name in p.stdout
    # a login with SQL in it is not a login
    p = site.juwei('user', 'add', "x'; DROP TABLE staff;--", '--name', 'x',
                   '--committee', 'hepingli', '--password-stdin',
                   input=PASSWORD + '\n')
    assert p.returncode == 1
    assert 'a login is 2 to 32 characters' in p.stderr
    assert site.value("select count(*) from sqlite_schema") == tables
    assert site.value("select count(*) from staff") == 2
    assert site.value("select count(*) from audit where action = 'insert'"
                      " and tbl = 'staff'") == 2


# ---------------------------------------------------------------- idle lock

def test_idle_lock_needs_the_password_again():
    site = admin_site()
    k = login(site, env={'JUWEI_IDLE_LOCK_SECONDS': '2'})
    k.wait_for('Locked', timeout=10)
    k.send('not-the-password', 'Enter')
    k.wait_for('wrong password')
    k.send('C-u', PASSWORD, 'Enter')
    k.wait_for('Main menu')
    actions = [r[0] for r in site.sql(
        "select action from audit where actor_login = 'admin' order by id")]
    assert actions[-2:] == ['login_failed', 'unlock'], actions


run(globals())
