def test_project_factory(project):
    assert project.monthly_plans.count() == 12
