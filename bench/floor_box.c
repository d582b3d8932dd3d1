/* floor_box.c — the floor under juwei's screen figures: the least an
 * ncursesw program does for the same thing, so that the benchmark can
 * show what ncurses and the terminal cost by themselves.
 *
 *   floor_box             a box with a title and two labelled fields,
 *                         coloured as juwei's are; each key typed goes
 *                         into the first field, the cursor after it
 *   floor_box LIST_FILE   a box with a title and a page of LIST_FILE (one
 *                         row a line, already laid out in columns) as tall
 *                         as juwei's lists (LINES - 5: 19 rows at 80×24);
 *                         PgDn shows the next page with its first row
 *                         highlighted
 *
 * q or Esc quits. Nothing else: no colours, no function-key bar, no
 * database. Used by bench/bench.py; not part of juwei. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char **lines;
static int nlines;

static void
read_lines(const char *path)
{
    FILE *fp = fopen(path, "r");
    char buf[1024];

    if (fp == NULL) {
        perror(path);
        exit(1);
    }
    while (fgets(buf, sizeof buf, fp) != NULL) {
        buf[strcspn(buf, "\n")] = '\0';
        lines = realloc(lines, (size_t)(nlines + 1) * sizeof *lines);
        if (lines == NULL || (lines[nlines] = strdup(buf)) == NULL)
            exit(1);
        nlines++;
    }
    fclose(fp);
}

static int
page_rows(void)
{
    return LINES - 5;
}

static void
draw_page(int top)
{
    for (int i = 0; i < page_rows(); i++) {
        move(2 + i, 1);
        clrtoeol();
        if (i == 0)
            attron(A_REVERSE);
        if (top + i < nlines)
            addnstr(lines[top + i], COLS - 2);
        if (i == 0)
            attroff(A_REVERSE);
    }
    box(stdscr, 0, 0);
}

int
main(int argc, char **argv)
{
    int top = 0, x = 12;
    wint_t wc;

    setlocale(LC_ALL, "");
    if (argc > 1)
        read_lines(argv[1]);
    initscr();
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    if (has_colors()) {
        start_color();
        use_default_colors();
        init_pair(1, COLOR_BLACK, COLOR_CYAN);
    }
    box(stdscr, 0, 0);
    mvaddstr(0, 2, " floor ");
    if (argc > 1) {
        draw_page(top);
    } else {
        mvaddstr(2, 2, "Login:");
        mvaddstr(3, 2, "Password:");
        attron(COLOR_PAIR(1));
        mvhline(2, x, ' ', 24);
        mvhline(3, x, ' ', 24);
        attroff(COLOR_PAIR(1));
        move(2, x);
    }
    refresh();
    for (;;) {
        int r = get_wch(&wc);

        if (r == ERR || (r == OK && (wc == 'q' || wc == 27)))
            break;
        if (r == KEY_CODE_YES && wc == KEY_NPAGE && argc > 1) {
            if (top + page_rows() < nlines)
                top += page_rows();
            draw_page(top);
        } else if (r == OK && argc == 1 && x < COLS - 2) {
            wchar_t s[2] = { (wchar_t)wc, 0 };

            attron(COLOR_PAIR(1));
            mvaddwstr(2, x, s);
            attroff(COLOR_PAIR(1));
            x = getcurx(stdscr);
        }
        refresh();
    }
    endwin();
    return 0;
}
