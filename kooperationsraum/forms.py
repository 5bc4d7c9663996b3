"""Every Django form field rendered as a KERN form field, without touching the forms themselves.

`{{ form.as_div }}` and `{{ field.as_field_group }}` use `templates/kern/field.html` (label, hint,
error text, input); `{{ field }}` alone still gets KERN's input classes. Set as `FORM_RENDERER`.
"""

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.functional import cached_property

CHECKS = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


def kern_class(widget: forms.Widget, *, error: bool) -> str:
    """KERN's class for a widget's input element, with its error modifier."""
    if isinstance(widget, forms.HiddenInput) or widget.is_hidden:
        return ""
    if isinstance(widget, forms.RadioSelect):
        base = "kern-form-check__radio"
    elif isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple)):
        base = "kern-form-check__checkbox"
    elif isinstance(widget, forms.Select):
        base = "kern-form-input__select"
    elif isinstance(widget, forms.MultiWidget):
        return ""
    else:
        base = "kern-form-input__input"
    return f"{base} {base}--error" if error else base


class KernBoundField(BoundField):
    def as_widget(self, widget=None, attrs=None, only_initial=False):
        widget = widget or self.field.widget
        css = kern_class(widget, error=bool(self.errors))
        if css:
            attrs = dict(attrs or {})
            attrs["class"] = " ".join(c for c in (widget.attrs.get("class"), attrs.get("class"), css) if c)
        return super().as_widget(widget, attrs, only_initial)

    @cached_property
    def kern_kind(self) -> str:
        """Which KERN pattern the field template uses: fieldset, check, select or input."""
        widget = self.field.widget
        if self.use_fieldset or isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
            return "fieldset"
        if isinstance(widget, forms.CheckboxInput):
            return "check"
        if isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
            return "select"
        return "input"

    def kern_label(self):
        return self.label_tag(attrs={"class": "kern-label"})

    def kern_legend(self):
        return self.legend_tag()  # styled by .kern-fieldset > legend (site.css)


class KernFormRenderer(TemplatesSetting):
    field_template_name = "kern/field.html"
    bound_field_class = KernBoundField
