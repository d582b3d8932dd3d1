/* schema_assessment.c — grades on assessment sheets.
 *
 * With [assessment] scoring = grades a sheet picks a grade per aspect;
 * the grade's name is kept beside the points column, which holds what the
 * grade stood for when the sheet was saved. The results turn the name
 * into points by the configuration of the day (assessment_mark_points),
 * so a grade's points can be set until the round is published; the
 * points column only serves a grade since taken out of the INI. NULL on
 * sheets scored in points, and on every sheet written before this. */
#include "juwei/schema.h"

const char schema_assessment[] =
    "ALTER TABLE assessment_scores ADD COLUMN de_grade TEXT;"
    "ALTER TABLE assessment_scores ADD COLUMN neng_grade TEXT;"
    "ALTER TABLE assessment_scores ADD COLUMN qin_grade TEXT;"
    "ALTER TABLE assessment_scores ADD COLUMN ji_grade TEXT;";
