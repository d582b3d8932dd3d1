# juwei — GNU make, pkg-config, nothing clever.
#
#   make            build ./juwei (objects under build/)
#   make run        build, create/upgrade ./var/juwei.db, start the kiosk
#   make check      release build, sanitizer build, unit, stress (short),
#                   fuzz-regression, terminal and SSH tests
#   make stress     the long load, crash and disk runs (optimised build)
#   make fuzz       libFuzzer on each fuzz/ target for FUZZ_SECONDS (clang)
#   make bench      optimised build and the benchmark (see bench/)
#   make install    PREFIX, DESTDIR, MANPREFIX honoured

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share
MANPREFIX ?= $(DATADIR)/man
LOCALEDIR ?= $(DATADIR)/locale
SYSCONFDIR ?= /etc

PKGS      := ncursesw sqlite3 libcrypt xlsxwriter
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wvla -Wpointer-arith -Wformat=2 \
           -Wno-format-nonliteral
CPPFLAGS += -Iinclude -I/usr/include/iniparser -D_GNU_SOURCE \
            -DNCURSES_WIDECHAR=1 \
            -DLOCALEDIR='"$(LOCALEDIR)"' \
            -DSYSCONFDIR='"$(SYSCONFDIR)"'
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(PKG_CFLAGS) $(CPPFLAGS) -MMD -MP
LIBS      = $(PKG_LIBS) -liniparser -lm

SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all

# The core never includes curses; src/ui/ is the kiosk; main.c and cli.c
# are the entry points. Tests link the core alone.
CORE_SRC := $(filter-out src/main.c src/cli.c src/cli_%.c,$(wildcard src/*.c))
UI_SRC   := $(wildcard src/ui/*.c)
APP_SRC  := src/main.c src/cli.c $(wildcard src/cli_*.c)
UNIT_SRC := $(wildcard tests/unit/test_*.c)

B  := build/rel
BS := build/san

objs = $(patsubst %.c,$(1)/%.o,$(2))

CORE_O    := $(call objs,$(B),$(CORE_SRC))
APP_O     := $(call objs,$(B),$(APP_SRC) $(UI_SRC))
SAN_CORE_O := $(call objs,$(BS),$(CORE_SRC))
SAN_APP_O  := $(call objs,$(BS),$(APP_SRC) $(UI_SRC))
# Unit tests may also test the curses-free logic of ui/ modules
# (the field editor); those objects are listed per test below.
UNIT_BIN  := $(patsubst tests/unit/%.c,$(BS)/tests/%,$(UNIT_SRC))
# Load, crash and disk tests (tests/stress/): short variants run with the
# unit tests in `make check`, long ones by `make stress`.
STRESS_SRC := $(wildcard tests/stress/test_*.c)
STRESS_BIN := $(patsubst tests/stress/%.c,$(BS)/tests/%,$(STRESS_SRC))
# Fuzz targets (fuzz/fuzz_NAME.c): `make check` replays the inputs kept in
# tests/data/fuzz/NAME/ (and the seed files named below) under the
# sanitizers; `make fuzz` runs libFuzzer on each for FUZZ_SECONDS.
FUZZ_NAMES  := $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c))
FUZZ_REPLAY := $(patsubst %,$(BS)/tests/test_fuzz_%,$(FUZZ_NAMES))
FUZZ_SEEDS_ini := tests/data/ini config
FUZZ_SEEDS_csv := tests/data/csv
fuzz_dirs = "tests/data/fuzz/$(1)"$(foreach d,$(FUZZ_SEEDS_$(1)),,"$(d)")

# A catalog is the files of po/LANG/, one per area of the program (so work
# on different screens never edits the same file), joined by msgcat.
LANGS    := $(notdir $(wildcard po/*_*))
MO       := $(foreach l,$(LANGS),build/locale/$(l)/LC_MESSAGES/juwei.mo)

SHELL := /bin/sh
.SECONDEXPANSION:

.PHONY: all run check unit tui bench install uninstall clean deps check-deps pot \
        stress fuzz doc

all: build/.deps juwei $(MO)

build/.deps: mk/deps.sh
	@mkdir -p build
	@sh mk/deps.sh build
	@touch $@

build/.deps-check: mk/deps.sh
	@mkdir -p build
	@sh mk/deps.sh check
	@touch $@

juwei: $(CORE_O) $(APP_O)
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

$(B)/%.o: %.c | build/.deps
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BS)/%.o: %.c | build/.deps
	@mkdir -p $(dir $@)
	@echo "  CC san  $<"
	@$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

$(BS)/juwei: $(SAN_CORE_O) $(SAN_APP_O)
	$(CC) $(SAN_FLAGS) -o $@ $^ $(LIBS)

# A unit test links the whole core plus the curses-free ui logic it names
# in a "// links: src/ui/field.c" line.
links = $(call objs,$(BS),$(shell sed -n 's,^// links: ,,p' $(1)))
$(BS)/tests/%: tests/unit/%.c tests/unit/check.h $(SAN_CORE_O) \
               $$(call links,tests/unit/$$*.c) | build/.deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -Itests/unit -o $@ $< \
	    $(call links,$<) $(SAN_CORE_O) $(LIBS)

$(BS)/tests/test_stress_%: tests/stress/test_stress_%.c tests/unit/check.h \
               $(BS)/tests/stress/stress.o $(SAN_CORE_O) | build/.deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -Itests/unit -Itests/stress -o $@ $< \
	    $(BS)/tests/stress/stress.o $(SAN_CORE_O) $(LIBS)

# The seed directories are compiled in: a change to their list rebuilds.
$(BS)/fuzz/replay-%.o: fuzz/replay.c fuzz/fuzz.h Makefile | build/.deps
	@mkdir -p $(dir $@)
	@echo "  CC san  $< ($*)"
	@$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -DFUZZ_DIRS='$(call fuzz_dirs,$*)' \
	    -c -o $@ $<

$(BS)/tests/test_fuzz_%: $(BS)/fuzz/fuzz_%.o $(BS)/fuzz/replay-%.o \
                         $(SAN_CORE_O) $$(call links,fuzz/fuzz_$$*.c)
	@mkdir -p $(dir $@)
	$(CC) $(SAN_FLAGS) -o $@ $^ $(LIBS)

build/locale/%/LC_MESSAGES/juwei.mo: $$(wildcard po/%/*.po)
	@mkdir -p $(dir $@)
	@msgcat --use-first -o build/locale/$*.po $^
	@msgfmt --check-format --check-domain -o $@ build/locale/$*.po

pot:
	xgettext --from-code=UTF-8 -k_ -kN_ -kP_:1c,2 -c/ -o po/juwei.pot \
	    --package-name=juwei $(sort $(CORE_SRC) $(UI_SRC) $(APP_SRC))

# doc/configuration.md's table of keys, rewritten from the options table
# (test_config fails while the two differ).
doc: juwei
	@LC_ALL=C.UTF-8 ./juwei check-config --describe > build/keys.md
	@awk 'FNR == NR { t = t $$0 "\n"; next } \
	    /^\| section \| key \|/ { printf "%s", t; skip = 1; next } \
	    skip && /^\|/ { next } { skip = 0; print }' \
	    build/keys.md doc/configuration.md > build/configuration.md
	@mv build/configuration.md doc/configuration.md

# Sanitizer runtime options: any report fails the test that caused it.
export ASAN_OPTIONS  := detect_leaks=1:abort_on_error=0:halt_on_error=1:exitcode=86
export UBSAN_OPTIONS := print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS  := suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0

run: all
	@mkdir -p var
	./juwei -c config/juwei.ini -d var/juwei.db init
	JUWEI_LOCALEDIR=$(CURDIR)/build/locale ./juwei -c config/juwei.ini -d var/juwei.db

check: build/.deps-check juwei $(MO) $(BS)/juwei $(UNIT_BIN) $(STRESS_BIN) \
       $(FUZZ_REPLAY)
	@sh tests/run.sh $(BS)

unit: build/.deps-check $(UNIT_BIN)
	@sh tests/run.sh $(BS) unit

tui: build/.deps-check $(BS)/juwei $(MO)
	@sh tests/run.sh $(BS) tui

# The benchmark (bench/README.md): an optimised build of its own
# (-O2 -DNDEBUG, no sanitizers) under build/bench, the tools beside it,
# then bench/bench.py, which builds or reuses the demo database under
# bench/data/ and prints the figures. Needs no network; `make check`
# never runs it.
BB := build/bench
BENCH_CFLAGS = -std=c11 $(WARN) -O2 -DNDEBUG $(PKG_CFLAGS) $(CPPFLAGS) -MMD -MP
BENCH_CORE_O := $(call objs,$(BB),$(CORE_SRC))
BENCH_APP_O  := $(call objs,$(BB),$(APP_SRC) $(UI_SRC))
BENCH_TOOLS  := $(BB)/juwei $(BB)/bench-core $(BB)/floor_box $(BB)/ptytime

$(BB)/%.o: %.c | build/.deps
	@mkdir -p $(dir $@)
	@echo "  CC -O2  $<"
	@$(CC) $(BENCH_CFLAGS) -c -o $@ $<

$(BB)/juwei: $(BENCH_CORE_O) $(BENCH_APP_O)
	@echo "  LD      $@"
	@$(CC) -O2 -o $@ $^ $(LIBS)

$(BB)/bench-core: $(BB)/bench/core.o $(BENCH_CORE_O)
	@echo "  LD      $@"
	@$(CC) -O2 -o $@ $^ $(LIBS)

$(BB)/floor_box: $(BB)/bench/floor_box.o
	@$(CC) -O2 -o $@ $^ $(shell pkg-config --libs ncursesw)

$(BB)/ptytime: $(BB)/bench/ptytime.o
	@$(CC) -O2 -o $@ $^ -lutil

build/.deps-bench: mk/deps.sh
	@mkdir -p build
	@sh mk/deps.sh bench
	@touch $@

bench: build/.deps-bench $(BENCH_TOOLS) $(MO)
	@/usr/bin/python3 bench/bench.py --build $(BB)

# The long load and crash runs, optimised build (the figures come from
# here): STRESS_SECONDS of 8 kiosks, a STRESS_HOLD s commit, STRESS_KILLS
# writers killed.
STRESS_SECONDS ?= 60
STRESS_HOLD    ?= 12
STRESS_KILLS   ?= 500
REL_STRESS_BIN := $(patsubst tests/stress/%.c,$(B)/tests/%,$(STRESS_SRC))

$(B)/tests/test_stress_%: tests/stress/test_stress_%.c tests/unit/check.h \
              $(B)/tests/stress/stress.o $(CORE_O) | build/.deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -Itests/stress -o $@ $< \
	    $(B)/tests/stress/stress.o $(CORE_O) $(LIBS)

stress: build/.deps-check $(REL_STRESS_BIN)
	@for t in $(REL_STRESS_BIN); do \
	    echo "== stress: $$(basename $$t)"; \
	    JUWEI_STRESS_SECONDS=$(STRESS_SECONDS) \
	    JUWEI_STRESS_HOLD=$(STRESS_HOLD) \
	    JUWEI_STRESS_KILLS=$(STRESS_KILLS) $$t || exit 1; \
	done

# libFuzzer needs clang. Crashes are saved straight into the regression
# inputs (tests/data/fuzz/NAME/crash-…), which `make check` then replays
# until they are fixed; new coverage goes to build/fuzz/corpus/NAME.
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FZ           := build/fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer
FUZZ_CORE_O  := $(call objs,$(FZ),$(CORE_SRC))
FUZZ_BIN     := $(patsubst %,$(FZ)/fuzz_%,$(FUZZ_NAMES))

build/.deps-fuzz: mk/deps.sh
	@mkdir -p build
	@sh mk/deps.sh fuzz
	@touch $@

$(FZ)/%.o: %.c | build/.deps-fuzz
	@mkdir -p $(dir $@)
	@echo "  CC fuzz $<"
	@$(FUZZ_CC) -std=c11 $(WARN) -g -O1 $(FUZZ_SAN) \
	    -fsanitize=fuzzer-no-link $(PKG_CFLAGS) $(CPPFLAGS) -c -o $@ $<

fuzz_links = $(call objs,$(FZ),$(shell sed -n 's,^// links: ,,p' $(1)))
$(FZ)/fuzz_%: $(FZ)/fuzz/fuzz_%.o $(FUZZ_CORE_O) \
              $$(call fuzz_links,fuzz/fuzz_$$*.c)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(LIBS)

# Kept between runs: objects that only pattern rules name.
.SECONDARY: $(FUZZ_CORE_O) $(patsubst %,$(FZ)/fuzz/fuzz_%.o,$(FUZZ_NAMES)) \
            $(FZ)/src/ui/field.o \
            $(patsubst %,$(BS)/fuzz/fuzz_%.o,$(FUZZ_NAMES)) \
            $(patsubst %,$(BS)/fuzz/replay-%.o,$(FUZZ_NAMES)) \
            $(BS)/tests/stress/stress.o $(B)/tests/stress/stress.o \
            $(call objs,$(BS),$(wildcard tests/unit/*.c))

fuzz: $(FUZZ_BIN)
	@$(foreach n,$(FUZZ_NAMES),sh fuzz/run.sh $(FZ) $(n) $(FUZZ_SECONDS) \
	    $(FUZZ_SEEDS_$(n)) || exit 1;)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 \
	    $(DESTDIR)$(DATADIR)/juwei
	install -m 755 juwei $(DESTDIR)$(BINDIR)/juwei
	install -m 644 juwei.1 $(DESTDIR)$(MANPREFIX)/man1/juwei.1
	install -m 644 config/juwei.ini $(DESTDIR)$(DATADIR)/juwei/juwei.ini.sample
	for mo in $(MO); do \
	    l=$${mo#build/locale/}; \
	    install -d $(DESTDIR)$(LOCALEDIR)/$${l%/juwei.mo}; \
	    install -m 644 $$mo $(DESTDIR)$(LOCALEDIR)/$$l; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/juwei $(DESTDIR)$(MANPREFIX)/man1/juwei.1
	rm -rf $(DESTDIR)$(DATADIR)/juwei
	rm -f $(DESTDIR)$(LOCALEDIR)/*/LC_MESSAGES/juwei.mo

clean:
	rm -rf build juwei

# Dependency files are written by the compiler, never remade by make (its
# built-in rules would try to link one from a .o).
%.d: ;
-include $(shell find build -name '*.d' 2>/dev/null)
