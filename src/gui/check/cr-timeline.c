/* cr-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A record's publication drawn to scale: the decision, the end of the
 * minimum publication period (from then on the company may apply), the end
 * of publication, and a marker for the application date. Each date is
 * labelled above the line; labels that would overlap move up a row, which
 * is why the height depends on the width. Sizes derive from the font, so
 * the drawing grows with the text on a projector or with large text.
 */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "cr-check-text.h"
#include "cr-timeline.h"

typedef enum
{
  MARK_DECISION,
  MARK_EARLIEST,
  MARK_END,
  MARK_MARKER,
  N_MARKS
} MarkKind;

struct _CrTimeline
{
  GtkWidget  parent_instance;

  GDate      dates[N_MARKS];
  gboolean   marker_is_today;
  char      *description;
};

G_DEFINE_FINAL_TYPE (CrTimeline, cr_timeline, GTK_TYPE_WIDGET)

#define MIN_SPAN_DAYS 30
#define MAX_ROWS      N_MARKS

typedef struct
{
  gboolean     present;
  double       x;        /* of the date on the line */
  double       label_x;  /* left edge of its label */
  int          row;
  int          width;
  int          height;
  PangoLayout *layout;
} Mark;

typedef struct
{
  Mark   marks[N_MARKS];
  int    unit;           /* half a line of text */
  int    row_height;
  int    rows_above;
  int    rows_below;
  int    axis_y;         /* centre of the line */
  int    height;
  double x0;
  double x1;
} Layout;

GtkWidget *
cr_timeline_new (void)
{
  return g_object_new (CR_TYPE_TIMELINE, NULL);
}

static const char *
mark_caption (CrTimeline *self,
              MarkKind    kind)
{
  switch (kind)
    {
    case MARK_DECISION:
      return C_("timeline", "Decision");
    case MARK_EARLIEST:
      return C_("timeline", "Can apply from");
    case MARK_END:
      return C_("timeline", "Publication ends");
    case MARK_MARKER:
    case N_MARKS:
    default:
      return self->marker_is_today ? C_("timeline", "Today")
                                   : C_("timeline", "Application date");
    }
}

static void
layout_clear (Layout *layout)
{
  for (guint i = 0; i < N_MARKS; i++)
    g_clear_object (&layout->marks[i].layout);
}

static void
compute_layout (CrTimeline *self,
                int         width,
                Layout     *layout)
{
  g_autoptr(PangoLayout) probe = gtk_widget_create_pango_layout (GTK_WIDGET (self), "0");
  guint32 first = G_MAXUINT32, last = 0;
  double right_edge[2][MAX_ROWS];
  int line_height;
  int max_label_height = 0;
  double span;

  memset (layout, 0, sizeof *layout);
  pango_layout_get_pixel_size (probe, NULL, &line_height);
  layout->unit = MAX (4, line_height / 2);

  for (guint i = 0; i < N_MARKS; i++)
    {
      if (!g_date_valid (&self->dates[i]))
        continue;
      layout->marks[i].present = TRUE;
      first = MIN (first, g_date_get_julian (&self->dates[i]));
      last = MAX (last, g_date_get_julian (&self->dates[i]));
    }

  layout->x0 = layout->unit * 1.5;
  layout->x1 = MAX (layout->x0 + 1, width - layout->unit * 1.5);
  if (first > last)
    return;

  /* A few days' span would make one blob of everything. */
  if (last - first < MIN_SPAN_DAYS)
    {
      guint32 grow = (MIN_SPAN_DAYS - (last - first)) / 2 + 1;

      first = first > grow ? first - grow : 1;
      last += grow;
    }
  span = last - first;

  for (guint i = 0; i < 2; i++)
    for (guint r = 0; r < MAX_ROWS; r++)
      right_edge[i][r] = -G_MAXDOUBLE;

  for (guint i = 0; i < N_MARKS; i++)
    {
      Mark *mark = &layout->marks[i];
      g_autofree char *date = NULL;
      g_autofree char *markup = NULL;
      gboolean below = i == MARK_MARKER;
      double gap = layout->unit;

      if (!mark->present)
        continue;

      mark->x = layout->x0 + (g_date_get_julian (&self->dates[i]) - first) / span *
                (layout->x1 - layout->x0);

      date = cr_check_text_format_date (&self->dates[i]);
      markup = g_markup_printf_escaped ("<span size='smaller'>%s</span>\n<b>%s</b>",
                                        mark_caption (self, i), date);
      mark->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_markup (mark->layout, markup, -1);
      pango_layout_set_alignment (mark->layout, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (mark->layout, &mark->width, &mark->height);
      max_label_height = MAX (max_label_height, mark->height);

      mark->label_x = CLAMP (mark->x - mark->width / 2.0, 0, MAX (0, width - mark->width));

      /* The first row where it does not overlap the label before it. The
       * marks come in date order, except the marker, which is alone below. */
      for (mark->row = 0; mark->row < MAX_ROWS - 1; mark->row++)
        if (mark->label_x >= right_edge[below][mark->row] + gap)
          break;
      right_edge[below][mark->row] = mark->label_x + mark->width;

      if (below)
        layout->rows_below = MAX (layout->rows_below, mark->row + 1);
      else
        layout->rows_above = MAX (layout->rows_above, mark->row + 1);
    }

  layout->row_height = max_label_height + layout->unit / 2;
  layout->axis_y = layout->rows_above * layout->row_height + layout->unit * 2;
  layout->height = layout->axis_y + layout->unit * 2 + layout->rows_below * layout->row_height;
}

static double
mark_label_y (const Layout *layout,
              const Mark   *mark,
              gboolean      below)
{
  if (below)
    return layout->axis_y + layout->unit * 2 + mark->row * layout->row_height;

  return layout->axis_y - layout->unit * 2 - (mark->row + 1) * layout->row_height +
         (layout->row_height - mark->height);
}

static GtkSizeRequestMode
cr_timeline_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cr_timeline_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  CrTimeline *self = CR_TIMELINE (widget);
  Layout layout;
  int widest = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Wide enough for any one label; overlaps are solved by rows. */
      compute_layout (self, 1000, &layout);
      for (guint i = 0; i < N_MARKS; i++)
        widest = MAX (widest, layout.marks[i].width);
      layout_clear (&layout);

      *minimum = widest + layout.unit * 3;
      *natural = MAX (*minimum, 30 * layout.unit);
      return;
    }

  compute_layout (self, for_size > 0 ? for_size : 30 * 10, &layout);
  *minimum = *natural = layout.height;
  layout_clear (&layout);
}

static GdkRGBA
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA     fallback)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA color;

  if (gtk_style_context_lookup_color (context, name, &color))
    return color;

  return fallback;
}

static void
append_bar (GtkSnapshot   *snapshot,
            double         from,
            double         to,
            double         y,
            double         thickness,
            const GdkRGBA *color)
{
  GskRoundedRect rounded;
  graphene_rect_t rect;

  if (to - from < 1)
    to = from + 1;
  graphene_rect_init (&rect, from, y - thickness / 2, to - from, thickness);
  gsk_rounded_rect_init_from_rect (&rounded, &rect, thickness / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, &rect);
  gtk_snapshot_pop (snapshot);
}

static void
append_dot (GtkSnapshot   *snapshot,
            double         x,
            double         y,
            double         radius,
            const GdkRGBA *ring,
            const GdkRGBA *fill)
{
  append_bar (snapshot, x - radius, x + radius, y, radius * 2, ring);
  append_bar (snapshot, x - radius * 0.55, x + radius * 0.55, y, radius * 1.1, fill);
}

static void
cr_timeline_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  CrTimeline *self = CR_TIMELINE (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  GdkRGBA fg, faint, success, warning, accent, bg;
  const Mark *decision, *earliest, *end;
  double thickness;
  Layout layout;

  compute_layout (self, width, &layout);
  decision = &layout.marks[MARK_DECISION];
  earliest = &layout.marks[MARK_EARLIEST];
  end = &layout.marks[MARK_END];

  gtk_style_context_get_color (context, &fg);
  faint = fg;
  faint.alpha *= 0.3f;
  success = lookup_color (widget, "success_color", (GdkRGBA) { 0.15f, 0.64f, 0.41f, 1 });
  warning = lookup_color (widget, "warning_color", (GdkRGBA) { 0.80f, 0.55f, 0.0f, 1 });
  accent = lookup_color (widget, "accent_color", (GdkRGBA) { 0.21f, 0.52f, 0.89f, 1 });
  bg = lookup_color (widget, "card_bg_color", (GdkRGBA) { 1, 1, 1, 1 });

  thickness = layout.unit * 0.8;

  /* The whole span, faint; then the two periods. */
  append_bar (snapshot, layout.x0, layout.x1, layout.axis_y, thickness / 3, &faint);
  if (decision->present && earliest->present)
    append_bar (snapshot, decision->x, earliest->x, layout.axis_y, thickness, &warning);
  if (earliest->present && end->present)
    append_bar (snapshot, earliest->x, end->x, layout.axis_y, thickness, &success);
  else if (decision->present && end->present)
    append_bar (snapshot, decision->x, end->x, layout.axis_y, thickness, &faint);

  for (guint i = 0; i < N_MARKS; i++)
    {
      const Mark *mark = &layout.marks[i];
      gboolean below = i == MARK_MARKER;
      double label_y;

      if (!mark->present)
        continue;

      label_y = mark_label_y (&layout, mark, below);

      if (below)
        {
          /* The application date: a line across the bar, down to its label. */
          append_bar (snapshot, mark->x - 1, mark->x + 1, layout.axis_y + layout.unit * 0.5,
                      layout.unit * 3, &accent);
        }
      else
        {
          GdkRGBA leader = faint;
          double top = label_y + mark->height;

          gtk_snapshot_append_color (snapshot, &leader,
                                     &GRAPHENE_RECT_INIT (mark->x - 0.5, top, 1,
                                                          MAX (0, layout.axis_y - top)));
          append_dot (snapshot, mark->x, layout.axis_y, layout.unit * 0.75, &fg, &bg);
        }

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (mark->label_x, label_y));
      pango_layout_set_width (mark->layout, mark->width * PANGO_SCALE);
      gtk_snapshot_append_layout (snapshot, mark->layout, below ? &accent : &fg);
      gtk_snapshot_restore (snapshot);
    }

  layout_clear (&layout);
}

static void
update_description (CrTimeline *self)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < N_MARKS; i++)
    {
      g_autofree char *date = NULL;

      if (!g_date_valid (&self->dates[i]))
        continue;

      date = cr_check_text_format_date (&self->dates[i]);
      if (text->len > 0)
        /* Translators: separates the items of the timeline's spoken description */
        g_string_append (text, C_("timeline", "; "));
      /* Translators: one item of the timeline's description: "Decision: 10 March 2025" */
      g_string_append_printf (text, C_("timeline", "%s: %s"), mark_caption (self, i), date);
    }

  g_free (self->description);
  self->description = g_string_free (text, FALSE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->description,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->description);
}

/**
 * cr_timeline_set_dates:
 * @decision: (nullable): the date of the decision
 * @earliest_application: (nullable): the first day an application may be made
 * @display_end: (nullable): the last day of publication
 * @marker: (nullable): the application date
 * @marker_is_today: whether @marker is today (it is labelled so)
 *
 * Dates that are %NULL or not valid are left out.
 */
void
cr_timeline_set_dates (CrTimeline  *self,
                       const GDate *decision,
                       const GDate *earliest_application,
                       const GDate *display_end,
                       const GDate *marker,
                       gboolean     marker_is_today)
{
  const GDate *dates[N_MARKS] = { decision, earliest_application, display_end, marker };

  g_return_if_fail (CR_IS_TIMELINE (self));

  for (guint i = 0; i < N_MARKS; i++)
    {
      if (dates[i] != NULL && g_date_valid (dates[i]))
        self->dates[i] = *dates[i];
      else
        g_date_clear (&self->dates[i], 1);
    }
  self->marker_is_today = !!marker_is_today;

  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * cr_timeline_get_description:
 *
 * Returns: the dates shown, in words (also the accessible label).
 */
const char *
cr_timeline_get_description (CrTimeline *self)
{
  g_return_val_if_fail (CR_IS_TIMELINE (self), NULL);

  return self->description;
}

static void
cr_timeline_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cr_timeline_parent_class)->css_changed (widget, change);

  /* Font or colours changed: measure and draw again. */
  gtk_widget_queue_resize (widget);
}

static void
cr_timeline_finalize (GObject *object)
{
  CrTimeline *self = CR_TIMELINE (object);

  g_free (self->description);

  G_OBJECT_CLASS (cr_timeline_parent_class)->finalize (object);
}

static void
cr_timeline_class_init (CrTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cr_timeline_finalize;

  widget_class->get_request_mode = cr_timeline_get_request_mode;
  widget_class->measure = cr_timeline_measure;
  widget_class->snapshot = cr_timeline_snapshot;
  widget_class->css_changed = cr_timeline_css_changed;

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cr_timeline_init (CrTimeline *self)
{
  for (guint i = 0; i < N_MARKS; i++)
    g_date_clear (&self->dates[i], 1);
  self->description = g_strdup ("");
}
