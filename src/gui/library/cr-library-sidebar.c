/* cr-library-sidebar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cr-library-row.h"
#include "cr-library-sidebar.h"

struct _CrLibrarySidebar
{
  AdwBin              parent_instance;

  CrLibrary          *library;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  CrLibrarySort       sort;
  char               *query;
  guint               resort_id;
  GtkWidget          *context_menu_popover;

  /* Template widgets */
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_label;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  GtkListView        *list_view;
  GMenuModel         *context_menu;
};

G_DEFINE_FINAL_TYPE (CrLibrarySidebar, cr_library_sidebar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_SEARCH_MODE,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_stack (CrLibrarySidebar *self)
{
  guint n_all = self->library != NULL
                  ? g_list_model_get_n_items (cr_library_get_items (self->library))
                  : 0;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  const char *page;
  const char *error;

  if (self->library != NULL && cr_library_get_loading (self->library) && n_all == 0)
    page = "loading";
  else if (n_all == 0)
    page = "empty";
  else if (n_shown == 0)
    page = "no-results";
  else
    page = "list";

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));

  error = self->library != NULL ? cr_library_get_error (self->library) : NULL;
  gtk_label_set_label (self->error_label, error != NULL ? error : "");
  gtk_revealer_set_reveal_child (self->error_revealer, error != NULL);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  CrLibrarySidebar *self = user_data;

  return cr_library_item_matches (item, self->query);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  CrLibrarySidebar *self = user_data;

  if (self->sort == CR_LIBRARY_SORT_DATE)
    return cr_library_item_compare_by_date ((CrLibraryItem *) a, (CrLibraryItem *) b);

  return cr_library_item_compare_by_company ((CrLibraryItem *) a, (CrLibraryItem *) b);
}

static gboolean
resort_cb (gpointer user_data)
{
  CrLibrarySidebar *self = user_data;

  self->resort_id = 0;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  update_stack (self);

  return G_SOURCE_REMOVE;
}

/* A name, status or date changed: sort and filter again, once. */
static void
item_changed_cb (CrLibrarySidebar *self,
                 CrLibraryItem    *item)
{
  if (self->resort_id == 0)
    self->resort_id = g_idle_add (resort_cb, self);
}

static void
library_items_changed_cb (CrLibrarySidebar *self,
                          guint             position,
                          guint             removed,
                          guint             added,
                          GListModel       *model)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(CrLibraryItem) item = g_list_model_get_item (model, i);

      g_signal_connect_object (item, "changed", G_CALLBACK (item_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  update_stack (self);
}

static void
library_notify_cb (CrLibrarySidebar *self,
                   GParamSpec       *pspec,
                   CrLibrary        *library)
{
  update_stack (self);
}

static void
selection_changed_cb (CrLibrarySidebar *self)
{
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

/* Rows */

static void
popup_context_menu (CrLibrarySidebar *self,
                    GtkWidget        *row,
                    double            x,
                    double            y)
{
  graphene_point_t point;

  if (!gtk_widget_compute_point (row, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    graphene_point_init (&point, 0, 0);

  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu_popover),
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu_popover));
}

static void
row_pressed_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                GtkListItem     *list_item)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  CrLibrarySidebar *self = CR_LIBRARY_SIDEBAR (gtk_widget_get_ancestor (row,
                                                                        CR_TYPE_LIBRARY_SIDEBAR));

  if (self == NULL)
    return;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection),
                                   gtk_list_item_get_position (list_item), TRUE);
  popup_context_menu (self, row, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          CrLibrarySidebar         *self)
{
  GtkWidget *row = cr_library_row_new ();
  GtkGesture *gesture = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (row_pressed_cb), list_item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (gesture));

  gtk_list_item_set_child (list_item, row);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         CrLibrarySidebar         *self)
{
  cr_library_row_set_item (CR_LIBRARY_ROW (gtk_list_item_get_child (list_item)),
                           gtk_list_item_get_item (list_item));
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           CrLibrarySidebar         *self)
{
  cr_library_row_set_item (CR_LIBRARY_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/* Search */

static void
search_changed_cb (CrLibrarySidebar *self,
                   GtkSearchEntry   *entry)
{
  g_free (self->query);
  self->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_stack (self);
}

static void
stop_search_cb (CrLibrarySidebar *self,
                GtkSearchEntry   *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/* Enter in the search entry opens the first match. */
static void
search_activate_cb (CrLibrarySidebar *self,
                    GtkSearchEntry   *entry)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) == 0)
    return;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
  cr_library_sidebar_focus_list (self);
}

static void
search_mode_notify_cb (CrLibrarySidebar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

/* Keyboard */

static gboolean
context_menu_shortcut_cb (GtkWidget *widget,
                          GVariant  *args,
                          gpointer   user_data)
{
  CrLibrarySidebar *self = CR_LIBRARY_SIDEBAR (gtk_widget_get_ancestor (widget,
                                                                        CR_TYPE_LIBRARY_SIDEBAR));
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  graphene_rect_t bounds;

  if (self == NULL || cr_library_sidebar_get_selected (self) == NULL)
    return FALSE;

  if (focus != NULL && gtk_widget_compute_bounds (focus, GTK_WIDGET (self), &bounds))
    gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu_popover),
                                 &(GdkRectangle) { (int) bounds.origin.x,
                                                   (int) bounds.origin.y,
                                                   (int) bounds.size.width,
                                                   (int) bounds.size.height });
  gtk_popover_popup (GTK_POPOVER (self->context_menu_popover));
  return TRUE;
}

/* GObject */

static void
cr_library_sidebar_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  CrLibrarySidebar *self = CR_LIBRARY_SIDEBAR (widget);

  GTK_WIDGET_CLASS (cr_library_sidebar_parent_class)->size_allocate (widget, width, height,
                                                                     baseline);
  if (self->context_menu_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_menu_popover));
}

static void
cr_library_sidebar_dispose (GObject *object)
{
  CrLibrarySidebar *self = CR_LIBRARY_SIDEBAR (object);

  g_clear_handle_id (&self->resort_id, g_source_remove);
  if (self->library != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->library, self);
      g_signal_handlers_disconnect_by_data (cr_library_get_items (self->library), self);
    }
  if (self->selection != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_pointer (&self->context_menu_popover, gtk_widget_unparent);
  /* AdwBin would unparent its child again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_LIBRARY_SIDEBAR);
  g_clear_object (&self->selection);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (cr_library_sidebar_parent_class)->dispose (object);
}

static void
cr_library_sidebar_finalize (GObject *object)
{
  CrLibrarySidebar *self = CR_LIBRARY_SIDEBAR (object);

  g_free (self->query);

  G_OBJECT_CLASS (cr_library_sidebar_parent_class)->finalize (object);
}

static void
cr_library_sidebar_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CrLibrarySidebar *self = CR_LIBRARY_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, cr_library_sidebar_get_search_mode (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_library_sidebar_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CrLibrarySidebar *self = CR_LIBRARY_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      cr_library_sidebar_set_library (self, g_value_get_object (value));
      break;
    case PROP_SEARCH_MODE:
      cr_library_sidebar_set_search_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_library_sidebar_class_init (CrLibrarySidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_library_sidebar_dispose;
  object_class->finalize = cr_library_sidebar_finalize;
  object_class->get_property = cr_library_sidebar_get_property;
  object_class->set_property = cr_library_sidebar_set_property;

  widget_class->size_allocate = cr_library_sidebar_size_allocate;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, CR_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrLibrarySidebar::selection-changed:
   *
   * Emitted when another case (or none) is selected.
   */
  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/library/cr-library-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, CrLibrarySidebar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CrLibrarySidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrLibrarySidebar, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, CrLibrarySidebar, error_label);
  gtk_widget_class_bind_template_child (widget_class, CrLibrarySidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, CrLibrarySidebar, spinner);
  gtk_widget_class_bind_template_child (widget_class, CrLibrarySidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, CrLibrarySidebar, context_menu);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);

  g_type_ensure (CR_TYPE_LIBRARY_ROW);
}

static void
cr_library_sidebar_init (CrLibrarySidebar *self)
{
  GtkListItemFactory *factory;
  GtkEventController *shortcuts;
  GtkShortcutAction *action;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model),
                                              GTK_SORTER (self->sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sort_model));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* Delete, and the context menu keys, on the focused (selected) row. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                      gtk_named_action_new ("win.delete-case")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0),
                      gtk_named_action_new ("win.delete-case")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F2, 0),
                      gtk_named_action_new ("win.rename-case")));
  action = gtk_callback_action_new (context_menu_shortcut_cb, NULL, NULL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                   gtk_keyval_trigger_new (GDK_KEY_F10,
                                                                           GDK_SHIFT_MASK)),
                      g_object_ref (action)));
  g_object_unref (action);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), shortcuts);

  self->context_menu_popover = gtk_popover_menu_new_from_model (self->context_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu_popover), FALSE);
  gtk_widget_set_halign (self->context_menu_popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu_popover, GTK_WIDGET (self));

  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_notify_cb), self, G_CONNECT_SWAPPED);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  update_stack (self);
}

/**
 * cr_library_sidebar_get_library:
 *
 * Returns: (transfer none) (nullable): the library listed.
 */
CrLibrary *
cr_library_sidebar_get_library (CrLibrarySidebar *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_SIDEBAR (self), NULL);

  return self->library;
}

void
cr_library_sidebar_set_library (CrLibrarySidebar *self,
                                CrLibrary        *library)
{
  GListModel *items;

  g_return_if_fail (CR_IS_LIBRARY_SIDEBAR (self));
  g_return_if_fail (library == NULL || CR_IS_LIBRARY (library));

  if (self->library == library)
    return;

  if (self->library != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->library, self);
      g_signal_handlers_disconnect_by_data (cr_library_get_items (self->library), self);
    }

  g_set_object (&self->library, library);
  items = library != NULL ? cr_library_get_items (library) : NULL;
  gtk_filter_list_model_set_model (self->filter_model, items);

  if (library != NULL)
    {
      g_signal_connect_object (items, "items-changed", G_CALLBACK (library_items_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (library, "notify::loading", G_CALLBACK (library_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (library, "notify::error", G_CALLBACK (library_notify_cb),
                               self, G_CONNECT_SWAPPED);
      library_items_changed_cb (self, 0, 0, g_list_model_get_n_items (items), items);
    }

  update_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIBRARY]);
}

/**
 * cr_library_sidebar_get_selected:
 *
 * Returns: (transfer none) (nullable): the selected case.
 */
CrLibraryItem *
cr_library_sidebar_get_selected (CrLibrarySidebar *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_SIDEBAR (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

/* Selects @item (NULL: nothing); FALSE when it is not shown (filtered out). */
gboolean
cr_library_sidebar_select (CrLibrarySidebar *self,
                           CrLibraryItem    *item)
{
  guint n;

  g_return_val_if_fail (CR_IS_LIBRARY_SIDEBAR (self), FALSE);

  if (item == NULL)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return TRUE;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrLibraryItem) shown = g_list_model_get_item (G_LIST_MODEL (self->sort_model), i);

      if (shown == item)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }

  return FALSE;
}

CrLibrarySort
cr_library_sidebar_get_sort (CrLibrarySidebar *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_SIDEBAR (self), CR_LIBRARY_SORT_COMPANY);

  return self->sort;
}

void
cr_library_sidebar_set_sort (CrLibrarySidebar *self,
                             CrLibrarySort     sort)
{
  g_return_if_fail (CR_IS_LIBRARY_SIDEBAR (self));

  if (self->sort == sort)
    return;

  self->sort = sort;
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

gboolean
cr_library_sidebar_get_search_mode (CrLibrarySidebar *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_SIDEBAR (self), FALSE);

  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
cr_library_sidebar_set_search_mode (CrLibrarySidebar *self,
                                    gboolean          search_mode)
{
  g_return_if_fail (CR_IS_LIBRARY_SIDEBAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
  if (search_mode)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Typing in @widget (the window) starts a search. */
void
cr_library_sidebar_set_key_capture_widget (CrLibrarySidebar *self,
                                           GtkWidget        *widget)
{
  g_return_if_fail (CR_IS_LIBRARY_SIDEBAR (self));

  gtk_search_bar_set_key_capture_widget (self->search_bar, widget);
}

void
cr_library_sidebar_set_search_text (CrLibrarySidebar *self,
                                    const char       *text)
{
  g_return_if_fail (CR_IS_LIBRARY_SIDEBAR (self));

  cr_library_sidebar_set_search_mode (self, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* Filter now rather than after the entry's delay. */
  search_changed_cb (self, self->search_entry);
}

/* How many cases the search lets through. */
guint
cr_library_sidebar_get_n_visible (CrLibrarySidebar *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_SIDEBAR (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
}

void
cr_library_sidebar_focus_list (CrLibrarySidebar *self)
{
  guint selected;

  g_return_if_fail (CR_IS_LIBRARY_SIDEBAR (self));

  selected = gtk_single_selection_get_selected (self->selection);
  if (selected != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                selected);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}
