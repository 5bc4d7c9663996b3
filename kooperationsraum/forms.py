"""Every Django form field rendered as a KERN form field, without touching the forms themselves.

`{{ form.as_div }}` and `{{ field.as_field_group }}` use `templates/kern/field.html` (label, hint,
error text, input); `{{ field }}` alone still gets KERN's input classes. Set as `FORM_RENDERER`.
"""

import html

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

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


def _escape(value) -> str:
    """`conditional_escape` without its wrappers (it is called once per option)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _attrs_html(attrs: dict) -> str:
    """Django's `django/forms/widgets/attrs.html`, in Python."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {_escape(name)}")
        elif value is not False:
            parts.append(f' {_escape(name)}="{_escape(value)}"')
    return "".join(parts)


class FastSelect(forms.Select):
    """A select whose options are written in Python, the same markup as Django's templates
    (`select.html`, `select_option.html`): a list filter with hundreds of partners otherwise
    renders one template per option. Option groups fall back to the templates."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = [choice for choice in self.choices]  # noqa: C416 (list() would ask a ModelChoiceIterator to count)
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        select_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            select_attrs["multiple"] = True
        wanted = set(self.format_value(value))
        parts = [f'<select name="{_escape(name)}"{_attrs_html(select_attrs)}>']
        found = False
        for option_value, label in choices:
            option_value = "" if option_value is None else str(option_value)
            selected = option_value in wanted and (not found or self.allow_multiple_selected)
            found = found or selected
            flag = " selected" if selected else ""
            # select_option.html ends in a newline: Django's markup has it after every option.
            parts.append(f'\n  <option value="{_escape(option_value)}"{flag}>{_escape(label)}</option>\n')
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every part escaped above)


class NameChoiceIterator(forms.models.ModelChoiceIterator):
    """Options from (pk, name) rows: no model instance per option (validation still looks the
    chosen one up in the queryset)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "name")


class NameChoiceField(forms.ModelChoiceField):
    """A choice of a model whose label is its `name` field (as its `__str__` says), for long lists."""

    iterator = NameChoiceIterator
    widget = FastSelect
