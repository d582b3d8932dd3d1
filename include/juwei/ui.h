/* ui.h — the kiosk, as main() starts it. */
#ifndef JUWEI_UI_H
#define JUWEI_UI_H

struct cli;

/* Runs the full-screen kiosk on the INI and database of `cli` until the
 * user quits; returns the exit status. */
int ui_main(struct cli *cli);

#endif
