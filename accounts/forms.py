from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        # Apps show "123 456"; recovery codes are read off paper. Spaces never matter.
        return "".join(self.cleaned_data["code"].split()).lower()
