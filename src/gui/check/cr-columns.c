/* cr-columns.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The visible children share the width in equal columns when each column
 * gets at least its children's minimum width (and MIN_COLUMN_WIDTH);
 * otherwise they are stacked, each at the full width. libadwaita 1.2 has no
 * breakpoints, and a GtkFlowBox sizes its lines for the children's natural
 * width, which leaves gaps once texts wrap: this measures height for the
 * width each child really gets.
 */

#include "config.h"

#include "cr-columns.h"

#define SPACING          24
#define MIN_COLUMN_WIDTH 360

struct _CrColumns
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (CrColumns, cr_columns, GTK_TYPE_WIDGET)

GtkWidget *
cr_columns_new (void)
{
  return g_object_new (CR_TYPE_COLUMNS, NULL);
}

static guint
count_visible (CrColumns *self,
               int       *widest_minimum)
{
  guint n = 0;

  *widest_minimum = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int minimum;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      *widest_minimum = MAX (*widest_minimum, minimum);
      n++;
    }

  return n;
}

static gboolean
fits_side_by_side (CrColumns *self,
                   int        width,
                   guint     *n_visible)
{
  int widest_minimum;
  guint n = count_visible (self, &widest_minimum);

  if (n_visible != NULL)
    *n_visible = n;
  if (n < 2)
    return FALSE;

  return (width - SPACING * ((int) n - 1)) / (int) n >= MAX (widest_minimum, MIN_COLUMN_WIDTH);
}

/**
 * cr_columns_get_side_by_side:
 *
 * Returns: whether the children are in columns at the current width.
 */
gboolean
cr_columns_get_side_by_side (CrColumns *self)
{
  g_return_val_if_fail (CR_IS_COLUMNS (self), FALSE);

  return fits_side_by_side (self, gtk_widget_get_width (GTK_WIDGET (self)), NULL);
}

static GtkSizeRequestMode
cr_columns_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cr_columns_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  CrColumns *self = CR_COLUMNS (widget);
  gboolean side_by_side = FALSE;
  int child_width = for_size;
  guint n_visible, i = 0;

  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0)
    {
      side_by_side = fits_side_by_side (self, for_size, &n_visible);
      if (side_by_side)
        child_width = (for_size - SPACING * ((int) n_visible - 1)) / (int) n_visible;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, orientation,
                          orientation == GTK_ORIENTATION_VERTICAL ? child_width : -1,
                          &child_min, &child_nat, NULL, NULL);

      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          /* Stacked at the least; side by side at best. */
          *minimum = MAX (*minimum, child_min);
          *natural += child_nat + (i > 0 ? SPACING : 0);
        }
      else if (side_by_side)
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      else
        {
          *minimum += child_min + (i > 0 ? SPACING : 0);
          *natural += child_nat + (i > 0 ? SPACING : 0);
        }
      i++;
    }
}

static void
cr_columns_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  CrColumns *self = CR_COLUMNS (widget);
  guint n_visible;
  gboolean side_by_side = fits_side_by_side (self, width, &n_visible);
  int column_width = side_by_side ? (width - SPACING * ((int) n_visible - 1)) / (int) n_visible
                                  : width;
  int x = 0, y = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_height;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, column_width, &child_height, NULL,
                          NULL, NULL);
      if (side_by_side)
        {
          child_height = MAX (child_height, height);
          gtk_widget_size_allocate (child, &(GtkAllocation) { x, 0, column_width, child_height },
                                    -1);
          x += column_width + SPACING;
        }
      else
        {
          gtk_widget_size_allocate (child, &(GtkAllocation) { 0, y, width, child_height }, -1);
          y += child_height + SPACING;
        }
    }
}

static void
cr_columns_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cr_columns_parent_class)->dispose (object);
}

static void
cr_columns_class_init (CrColumnsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_columns_dispose;

  widget_class->get_request_mode = cr_columns_get_request_mode;
  widget_class->measure = cr_columns_measure;
  widget_class->size_allocate = cr_columns_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "columns");
}

static void
cr_columns_init (CrColumns *self)
{
}
