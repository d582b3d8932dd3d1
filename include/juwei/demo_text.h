/* demo_text.h — what the demo data set says: a seeded random stream,
 * weighted draws, places, and the texts of work records, inspections,
 * follow-ups, visits, leave and training drawn from vocabularies of what
 * a residents' committee writes, so that search has real words to find,
 * common and rare. Used only by demo.c; deterministic for a given stream.
 * Every text is well under the length limits of its column. */
#ifndef JUWEI_DEMO_TEXT_H
#define JUWEI_DEMO_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "juwei/date.h"

struct cfg_list;

/* xoshiro256**: the same numbers on every machine, unlike rand(). */
struct demo_rng {
    uint64_t s[4];
};

/* Independent streams of one seed: each table draws from its own, so
 * that a change to how one table is made leaves the others as they were. */
void     demo_text_seed(struct demo_rng *r, uint64_t seed, uint64_t stream);
uint64_t demo_text_next(struct demo_rng *r);
/* 0 .. n-1 (n ≥ 1). */
uint32_t demo_text_below(struct demo_rng *r, uint32_t n);
/* lo .. hi inclusive. */
int      demo_text_between(struct demo_rng *r, int lo, int hi);
/* True with probability per_mille / 1000. */
int      demo_text_chance(struct demo_rng *r, unsigned per_mille);

/* Weight (any scale) for an id of a configured pick-list, by what
 * committees do most; ids the demo does not know get `other`. */
unsigned demo_text_weight(const char *list, const char *id, unsigned other);

/* Drawing an index in proportion to weights. */
struct demo_draw {
    unsigned *cum;       /* cumulative weights */
    size_t    n;
};
void demo_text_draw_init(struct demo_draw *dr, size_t n);
void demo_text_draw_add(struct demo_draw *dr, unsigned weight);
/* Over a configured pick-list, weighted by demo_text_weight(kind, id, 3). */
void demo_text_draw_list(struct demo_draw *dr, const struct cfg_list *l,
                         const char *kind);
/* An index; -1 when every weight is 0. */
int  demo_text_draw(const struct demo_draw *dr, struct demo_rng *r);
void demo_text_draw_free(struct demo_draw *dr);




/* A work record of category `category` (an id of [record_categories];
 * unknown ids get general office work): title and details. */
void demo_text_record(struct demo_rng *r, const char *category, char *title,
                      size_t tsize, char *details, size_t dsize);
/* Where an inspection was made (building/unit or a named spot). */
void demo_text_place(struct demo_rng *r, char *buf, size_t size);
/* What an inspection of `category` (an id of [inspection_categories])
 * found. */
void demo_text_found(struct demo_rng *r, const char *category, char *buf,
                     size_t size);
/* The note of a follow-up moving an inspection from `from` to `to`
 * (status ids: open, in_progress, resolved, escalated). */
void demo_text_followup(struct demo_rng *r, const char *from, const char *to,
                        char *buf, size_t size);
/* What was discussed on a visit of `purpose` (an id of [visit_purposes])
 * and what came of it. */
void demo_text_visit(struct demo_rng *r, const char *purpose, char *discussed,
                     size_t dsize, char *outcome, size_t osize);
/* A reason for leave of `type` (an id of the [leave.*] sections). */
const char *demo_text_leave_reason(struct demo_rng *r, const char *type);
/* A training session: title and organiser. */
void demo_text_training(struct demo_rng *r, const char **title,
                        const char **organiser);
/* A note on a resident (NULL mostly). */
const char *demo_text_resident_note(struct demo_rng *r, int age);
/* A plausible comment of an approver, or NULL. */
const char *demo_text_leave_comment(struct demo_rng *r, int approved);


#endif
