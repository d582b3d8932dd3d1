"""test_ssh.py — the SSH kiosk deployment of README.md ("Deploying for SSH
users"), end to end, with Debian's OpenSSH.

Sets up what the README says, in a temporary directory instead of /etc
and /var/lib: a Unix group for kiosk users, a test user in it with a key,
the database directory writable by that group only, and an sshd on
127.0.0.1 (a free high port) whose Match block forces juwei. Then, as the
test user with `ssh -tt`: logs in to the kiosk, adds an account and finds
it in the database; checks that asking for a shell, another command, a
subsystem or a forwarding still gives juwei or nothing; and that the SSH
session ends when juwei does.

Needs root (useradd, sshd's privilege separation). Says "skip" with the
reason only if sshd cannot run here.
"""
import grp
import os
import pwd
import re
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, os.path.join(TOP, 'tests', 'tui'))

from harness import Kiosk, Site, choose, ini_set, run, skip   # noqa: E402

PASSWORD = 'secret-pass'
SSHD = '/usr/sbin/sshd'


def release_binary():
    """The binary an administrator installs: the optimised build."""
    path = os.path.join(TOP, 'juwei')
    if not os.access(path, os.X_OK):
        skip('./juwei not built (make juwei)')
    return path


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


def sh(*cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


class Deployment:
    """The README's setup under `root` (a temporary directory)."""

    def __init__(self):
        if os.geteuid() != 0:
            skip('needs root to add a Unix user and run sshd')
        if not os.access(SSHD, os.X_OK):
            skip('%s is not installed (openssh-server)' % SSHD)
        if shutil.which('ssh') is None:
            skip('ssh is not installed (openssh-client)')
        suffix = '%d' % (os.getpid() % 100000)
        self.group = 'jwkiosk' + suffix
        self.user = 'jwuser' + suffix
        self.made_user = self.made_group = self.made_privsep = False
        self.sshd = None
        self.root = tempfile.mkdtemp(prefix='juwei-ssh-')
        os.chmod(self.root, 0o755)     # the kiosk user reaches the files

    # -- setup, as the README says

    def setup(self):
        r = self.root
        # The group and a kiosk user in it, with a login shell (sshd runs
        # ForceCommand through it) and a key; its password stays locked.
        sh('groupadd', self.group)
        self.made_group = True
        sh('useradd', '-m', '-s', '/bin/sh', '-G', self.group, self.user)
        self.made_user = True
        # no password at all ('*'), but not a locked ('!') account
        pw = pwd.getpwnam(self.user)
        gid = grp.getgrnam(self.group).gr_gid
        ssh_dir = os.path.join(pw.pw_dir, '.ssh')
        self.key = os.path.join(r, 'client_key')
        sh('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'juwei test',
           '-f', self.key)
        os.makedirs(ssh_dir, mode=0o700, exist_ok=True)
        shutil.copy(self.key + '.pub', os.path.join(ssh_dir, 'authorized_keys'))
        for p in (ssh_dir, os.path.join(ssh_dir, 'authorized_keys')):
            os.chown(p, pw.pw_uid, pw.pw_gid)
        os.chmod(os.path.join(ssh_dir, 'authorized_keys'), 0o600)

        # The program and its INI, readable by the group.
        self.bin = os.path.join(r, 'bin', 'juwei')
        os.makedirs(os.path.dirname(self.bin))
        shutil.copy(release_binary(), self.bin)
        os.chmod(self.bin, 0o755)
        etc = os.path.join(r, 'etc', 'juwei')
        os.makedirs(etc)
        self.var = os.path.join(r, 'var', 'lib', 'juwei')
        os.makedirs(self.var)
        # The database directory: the group only, setgid so that the
        # journal files the kiosks create belong to the group too.
        os.chown(self.var, 0, gid)
        os.chmod(self.var, 0o2770)
        self.db = os.path.join(self.var, 'juwei.db')
        with open(os.path.join(TOP, 'config', 'juwei.ini'), encoding='utf-8') as f:
            text = f.read()
        text = ini_set(text, 'site', 'database', self.db)
        text = ini_set(text, 'site', 'language', 'en')
        self.ini = os.path.join(etc, 'juwei.ini')
        with open(self.ini, 'w', encoding='utf-8') as f:
            f.write(text)
        os.chown(self.ini, 0, gid)
        os.chmod(self.ini, 0o640)
        sh(self.bin, '-c', self.ini, 'init')
        sh(self.bin, '-c', self.ini, 'user', 'add', 'admin', '--role', 'admin',
           '--name', '管理员', '--password-stdin', input=PASSWORD + '\n')

        # sshd: its own host key, config and port.
        sshd_dir = os.path.join(r, 'sshd')
        os.makedirs(sshd_dir, mode=0o700)
        hostkey = os.path.join(sshd_dir, 'ssh_host_ed25519_key')
        sh('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', hostkey)
        self.port = free_port()
        self.sshd_log = os.path.join(sshd_dir, 'sshd.log')
        config = os.path.join(sshd_dir, 'sshd_config')
        with open(config, 'w') as f:
            f.write(SSHD_CONFIG.format(port=self.port, hostkey=hostkey,
                                       pid=os.path.join(sshd_dir, 'sshd.pid'),
                                       match=MATCH_BLOCK.format(
                                           group=self.group, juwei=self.bin,
                                           ini=self.ini)))
        if not os.path.isdir('/run/sshd'):
            os.makedirs('/run/sshd', mode=0o755)
            self.made_privsep = True
        p = subprocess.run([SSHD, '-t', '-f', config], capture_output=True,
                           text=True)
        if p.returncode != 0:
            raise AssertionError('sshd -t refuses the config:\n' + p.stderr)
        log = open(self.sshd_log, 'w')
        self.sshd = subprocess.Popen([SSHD, '-D', '-e', '-f', config],
                                     stdout=log, stderr=log)
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(('127.0.0.1', self.port), 1).close()
                break
            except OSError:
                if self.sshd.poll() is not None or time.monotonic() > deadline:
                    with open(self.sshd_log) as f:
                        skip('sshd does not start here: ' + f.read().strip())
                time.sleep(0.05)

    # -- use

    def ssh_args(self, *extra):
        return ['-F', '/dev/null', '-i', self.key, '-p', str(self.port),
                '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes',
                '-o', 'StrictHostKeyChecking=no',
                '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR'] + \
            list(extra)

    def kiosk(self, *command):
        """`ssh -tt user@127.0.0.1 [command]` in a pty."""
        return Kiosk(program=shutil.which('ssh'),
                     args=self.ssh_args('-tt', '%s@127.0.0.1' % self.user) +
                     list(command), workdir=self.root, esc_wait=0.3)

    def ssh(self, *args, input=None, timeout=20):
        """ssh without a pty; a CompletedProcess with text output."""
        return subprocess.run(['ssh'] + self.ssh_args(*args), input=input,
                              capture_output=True, text=True, timeout=timeout)

    def sql(self, query):
        import sqlite3
        con = sqlite3.connect('file:%s?mode=ro' % self.db, uri=True, timeout=10)
        try:
            return con.execute(query).fetchall()
        finally:
            con.close()

    def _user_pids(self):
        uid = pwd.getpwnam(self.user).pw_uid
        pids = []
        for name in os.listdir('/proc'):
            try:
                if name.isdigit() and os.stat('/proc/' + name).st_uid == uid:
                    pids.append(int(name))
            except OSError:
                pass
        return pids

    def _end_sessions(self):
        """The test user's processes (its kiosks, started by this test
        through ssh) end with their connections; any left are killed by
        pid, so that the user can be removed."""
        deadline = time.monotonic() + 5
        while self._user_pids() and time.monotonic() < deadline:
            time.sleep(0.05)
        for pid in self._user_pids():
            try:
                os.kill(pid, 9)
            except OSError:
                pass

    def _cleanup(self):
        if self.sshd is not None and self.sshd.poll() is None:
            self.sshd.terminate()
            try:
                self.sshd.wait(5)
            except subprocess.TimeoutExpired:
                self.sshd.kill()
                self.sshd.wait()
        if self.made_user:
            self._end_sessions()
            subprocess.run(['userdel', '-r', self.user], capture_output=True)
        if self.made_group:
            subprocess.run(['groupdel', self.group], capture_output=True)
        if self.made_privsep:
            shutil.rmtree('/run/sshd', ignore_errors=True)
        shutil.rmtree(self.root, ignore_errors=True)
        return []


# This test's own sshd: where it listens and its key, then Debian 12's
# default settings (/etc/ssh/sshd_config), then the README's block at the
# end, as the README says to add it.
SSHD_CONFIG = """\
Port {port}
ListenAddress 127.0.0.1
HostKey {hostkey}
PidFile {pid}
PasswordAuthentication no
LogLevel VERBOSE

KbdInteractiveAuthentication no
UsePAM yes
X11Forwarding yes
PrintMotd no
AcceptEnv LANG LC_*
Subsystem sftp /usr/lib/openssh/sftp-server

{match}"""

# Exactly the block README.md gives (paths aside).
MATCH_BLOCK = """\
Match Group {group}
    ForceCommand {juwei} -c {ini}
    PermitTTY yes
    DisableForwarding yes
    PermitTunnel no
    PermitUserRC no
    X11Forwarding no
    AllowAgentForwarding no
    AllowTcpForwarding no
    AllowStreamLocalForwarding no
"""


def deployment():
    d = Deployment()
    # the harness cleans up whatever is on its list, even after a failure
    from harness import _live
    _live.append(d)
    d.setup()
    return d


def kiosk_login(k):
    k.wait_for('Login', timeout=15)
    k.send('admin', 'Tab', PASSWORD, 'Enter')
    k.wait_for('Main menu', timeout=10)


def quit_kiosk(k):
    """Log out and quit; juwei ends, and with it the SSH session."""
    k.send('F10')
    k.wait_for('Log out now?')
    k.send('y')
    k.wait_for('juwei 居委 — log in')
    k.send('F10')
    k.wait_for('Quit juwei?')
    k.send('y')
    assert k.expect_exit(timeout=10) == 0


def test_ssh_login_lands_in_juwei_and_saves():
    d = deployment()
    k = d.kiosk()
    kiosk_login(k)
    # Ctrl-Z and Ctrl-\ reach no shell: the kiosk is still there
    k.send('C-z')
    k.type('\x1c')
    k.wait_for('Main menu')
    choose(k, 'Accounts')
    k.wait_for('Committee / distr')
    k.send('F5')
    k.wait_for('New account')
    k.send('wangwu', 'Tab', '王五', 'Tab')
    k.wait_until(lambda: k.cursor()[0] == 6, what='the cursor on Role')
    k.send('Enter')
    k.wait_for('Street office')
    k.send('Enter')
    k.wait_gone('Street office')
    k.send('Enter')
    k.wait_for('光明社区居委会')
    k.send('和平')
    k.wait_gone('光明社区居委会')
    k.send('Enter')
    k.wait_for('和平里社区居委会')
    k.send('Tab', PASSWORD, 'Tab', PASSWORD, 'F2')
    k.wait_for(re.compile(r'wangwu +王五'))
    assert d.sql("select name, committee_id from staff where login = 'wangwu'") \
        == [('王五', 'hepingli')]
    # the audit row names the kiosk account that did it
    assert d.sql("select actor_login from audit where action = 'insert'"
                 " and after ->> '$.login' = 'wangwu'") == [('admin',)]
    # the journal the kiosk user made belongs to the group, rw for it only
    gid = grp.getgrnam(d.group).gr_gid
    for suffix in ('', '-wal', '-shm'):
        st = os.stat(d.db + suffix)
        assert st.st_gid == gid, suffix
        assert stat.S_IMODE(st.st_mode) == 0o660, (suffix, oct(st.st_mode))
    st = os.stat(d.var)
    assert stat.S_IMODE(st.st_mode) == 0o2770 and st.st_gid == gid
    # a Unix account outside the group cannot open it (given an INI it can
    # read, so that only the database is in its way)
    ini = os.path.join(d.root, 'world.ini')
    shutil.copy(d.ini, ini)
    os.chmod(ini, 0o644)
    p = subprocess.run(['runuser', '-u', 'nobody', '--', d.bin, '-c', ini,
                        'user', 'list'], capture_output=True, text=True)
    assert p.returncode == 1, p
    assert p.stderr == 'juwei: cannot open %s: Permission denied\n' % d.db, \
        p.stderr
    k.send('F10')
    k.wait_for('Main menu')
    quit_kiosk(k)


def test_a_shell_or_another_command_still_gives_juwei():
    d = deployment()
    marker = os.path.join(d.root, 'pwned')
    for command in (['/bin/sh'], ['/bin/sh', '-i'],
                    ['touch %s; bash' % marker]):
        k = d.kiosk(*command)
        kiosk_login(k)
        quit_kiosk(k)
    assert not os.path.exists(marker)
    # without a terminal (scp, a script): juwei refuses, nothing else runs
    p = d.ssh('-T', '%s@127.0.0.1' % d.user, 'touch %s' % marker)
    assert p.returncode == 1, p
    assert 'the kiosk needs a terminal' in p.stderr, p.stderr
    # a subsystem (sftp) runs juwei too, which refuses (sshd drops a
    # subsystem's error output: the exit status says it)
    p = d.ssh('-s', '%s@127.0.0.1' % d.user, 'sftp', input='')
    assert p.returncode == 1, p
    assert p.stdout == '', p
    assert not os.path.exists(marker)


def test_no_forwarding():
    d = deployment()
    # stdio forwarding to the server's own port: refused by sshd
    p = d.ssh('-W', '127.0.0.1:%d' % d.port, '%s@127.0.0.1' % d.user,
              input='')
    assert p.returncode != 0, p
    assert re.search(r'stdio forwarding failed|administratively prohibited',
                     p.stderr), p.stderr
    # a remote forwarding request: refused, so ssh gives up
    p = d.ssh('-N', '-o', 'ExitOnForwardFailure=yes', '-R', '127.0.0.1:0:'
              '127.0.0.1:%d' % d.port, '%s@127.0.0.1' % d.user, timeout=20)
    assert p.returncode != 0, p
    assert 'remote port forwarding failed' in p.stderr, p.stderr
    # a local forwarding: the tunnel opens on this side, but sshd refuses
    # every connection through it (through it, sshd's own port would
    # answer with its banner)
    lport = free_port()
    fwd = subprocess.Popen(['ssh'] + d.ssh_args(
        '-N', '-L', '127.0.0.1:%d:127.0.0.1:%d' % (lport, d.port),
        '%s@127.0.0.1' % d.user), stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                c = socket.create_connection(('127.0.0.1', lport), 1)
                break
            except OSError:
                assert fwd.poll() is None and time.monotonic() < deadline, \
                    'ssh -L did not listen'
                time.sleep(0.05)
        c.settimeout(10)
        assert c.recv(100) == b''
        c.close()
    finally:
        fwd.terminate()
        fwd.wait(5)


run(globals())
