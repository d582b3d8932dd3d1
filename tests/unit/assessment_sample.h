/* assessment_sample.h — the sample INI's assessment settings, which both
 * assessment tests compute with, and scores compared in whole cents. */
#ifndef JUWEI_ASSESSMENT_SAMPLE_H
#define JUWEI_ASSESSMENT_SAMPLE_H

#include <math.h>

#include "juwei/config.h"

static const struct cfg_assessment sample = {
    .source_weight = { [SRC_STREET] = 0.5, [SRC_RESIDENTS] = 0.3,
                       [SRC_PEERS] = 0.2 },
    .aspect_weight = { 0.2, 0.2, 0.2, 0.4 },
    .excellent_min = 90,
    .competent_min = 60,
    .excellent_cap = 0.2,
    .ballot_points = { 100, 80, 50 },
};

static inline long long
cents(double x)
{
    return llround(x * 100);
}

#endif
