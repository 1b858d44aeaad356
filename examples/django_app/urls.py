from django.urls import path

from . import views

urlpatterns = [path("sns/bounces/", views.sns_bounces, name="sns-bounces")]
