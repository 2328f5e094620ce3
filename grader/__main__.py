from grader.cli.main import app

app(prog_name="grader")
