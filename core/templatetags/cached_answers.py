"""``{% cached_answer answers "name" %}…{% endcached_answer %}``: the enclosed template,
rendered once per generation of ``answers`` (a ``core.generations.SiteAnswers``) and then
read from the cache. With ``answers`` None (a preview, a draft) it is rendered every time."""

from django import template

register = template.Library()


class CachedAnswerNode(template.Node):
    def __init__(self, nodelist, answers, name):
        self.nodelist, self.answers, self.name = nodelist, answers, name

    def render(self, context):
        answers = self.answers.resolve(context)
        if answers is None:
            return self.nodelist.render(context)
        return answers.get_or_compute(f"fragment:{self.name.resolve(context)}", lambda: self.nodelist.render(context))


@register.tag
def cached_answer(parser, token):
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes an answers object and a name")
    nodelist = parser.parse(("endcached_answer",))
    parser.delete_first_token()
    return CachedAnswerNode(nodelist, parser.compile_filter(bits[1]), parser.compile_filter(bits[2]))
