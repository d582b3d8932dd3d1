/* demo_people.h — the people of the demo data set: Chinese names
 * (surnames by their real frequency, given names by generation),
 * households at building-unit-room addresses, 18-digit ID numbers with
 * valid check digits, phones; and the register as a committee keeps it in
 * a spreadsheet, for the import benchmark. Used by demo.c. */
#ifndef JUWEI_DEMO_PEOPLE_H
#define JUWEI_DEMO_PEOPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "juwei/date.h"
#include "juwei/demo_text.h"

struct cfg_list;
struct config;

/* A full name into buf (at least 32 bytes): female when `female`, given
 * names as people born in `birth_year` were named. `surname` NULL: drawn
 * by frequency; else that surname (a household's). */
void demo_people_name(struct demo_rng *r, int female, int birth_year,
                      const char *surname, char *buf, size_t size);
/* The surname of a full name made above, into buf. */
void demo_people_surname(const char *name, char *buf, size_t size);
/* A mobile number (11 digits). */
void demo_people_mobile(struct demo_rng *r, char *buf, size_t size);

/* One person of a residents' register. */
struct demo_member {
    char        name[48], id_number[19], phone[16];
    const char *gender;        /* "M" or "F" */
    const char *note;          /* or NULL */
    int         birth_year, age;
    bool        active;        /* false: moved away */
    const char *tags[3];       /* ids of [resident_tags] */
    int         ntags;
};

/* Where the next household lives: building, unit and room as digits
 * ("3", "2", "1502"; residents.c shows them as 3-2-1502); buildings of 2–6
 * units, 6–18 floors, 2–4 flats a floor, about one flat in ten empty. */
struct demo_address {
    int  building, unit, floor, flat, units, floors, flats;
    char b[12], u[12], room[12];
};
void demo_people_address_start(struct demo_address *a, int first_building);
void demo_people_address_next(struct demo_address *a, struct demo_rng *r);

/* A household of 1–4 people (a couple shares a flat with their children,
 * an old person lives alone, …) with distinct names, ages as of `until`
 * and 18-digit ID numbers with valid check digits; tags from `tags`
 * (drawn with `tag_draw`, made by demo_text_draw_list(…, "tag")). Returns
 * how many people it put into m[]. */
int demo_people_household(struct demo_rng *r, const struct cfg_list *tags,
                          const struct demo_draw *tag_draw, date_t until,
                          struct demo_member m[4]);

/* The register of n people: what demo_residents_csv() (demo.h) writes. */
int demo_people_csv(FILE *fp, const struct config *cfg, long n,
                    uint64_t seed, uint64_t stream, date_t until);

#endif
